// The generator's contract: the types `src/generated/*.gen.ts` describe operations, their options
// and their outputs with, public so that hand-written code can call and extend operations too.
// They are defined in `internal/types.ts`, the path the generated files import, which stays
// self-contained: tools/release's compatibility check compiles the generated files against that
// one file alone.
export type {
  APIPromise,
  HttpMethod,
  Normalized,
  OperationSpec,
  OutputShape,
  ParamSpec,
  Replace,
  RequestOptions,
  Shape,
  WithResponse,
} from "./internal/types.js";
