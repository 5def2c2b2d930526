/** One problem as the generated validators report it (ajv's error object, without messages or schema paths). */
export interface RawError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** A generated validator: true when valid; otherwise its `errors` say why. */
export interface RawValidate {
  (data: unknown): boolean;
  errors?: readonly RawError[] | null;
}
