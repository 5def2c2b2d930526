// What the suite is given: the package under test, the sandbox, the runtime's own helpers.
import type * as ClientApi from "@bestsms/client";
import type * as ValidationApi from "@bestsms/validation";
import type * as WebhooksApi from "@bestsms/webhooks";
import type * as XmlApi from "@bestsms/webhooks/xml";
import type { Assert } from "./assert.ts";

/** What the suite uses of a package: the client, webhooks and validation API it re-exports. */
export type SdkModule = Pick<
  typeof ClientApi,
  | "BestSMS"
  | "BestSMSCore"
  | "BestSMSError"
  | "ApiError"
  | "ConnectionError"
  | "AbortError"
  | "AuthenticationError"
  | "NotFoundError"
  | "TimeoutError"
  | "ValidationError"
  | "messagingSmsSendMessage"
  | "reportsStatusPoll"
> &
  Pick<
    typeof WebhooksApi,
    "createWebhookHandler" | "parseWebhook" | "verifyWebhook" | "WebhookParseError"
  > &
  Pick<typeof ValidationApi, "operationValidators" | "smsSegments">;

/** `@bestsms/webhooks/xml`, when the runtime can import it. */
export type XmlModule = Pick<typeof XmlApi, "xmlParser">;

/** A webhook endpoint served the runtime's own way. */
export interface ServedWebhooks {
  /** Posts to it (over a socket where the runtime serves one; a Worker is called directly). */
  post(init: { headers: Record<string, string>; body: string }): Promise<Response>;
  close(): Promise<void>;
}

/** Where the Bun and Deno entries serve webhooks: a free port on 127.0.0.1, at /webhooks. */
export const WEBHOOK_LISTEN = { port: 0, hostname: "127.0.0.1", path: "/webhooks" } as const;

/**
 * The hooks of a runtime package that has `clientFromEnv({ env })` and serves webhooks itself:
 * `serve` starts its server at {@link WEBHOOK_LISTEN} and says where it is and how to stop it.
 */
export function servingHooks(
  packageName: string,
  clientFromEnv: (options: {
    env: Record<string, string>;
  }) => ReturnType<NativeHooks["clientFromEnv"]>,
  serve: (options: Parameters<NativeHooks["serveWebhooks"]>[0]) => {
    url: string | URL;
    close(): Promise<void>;
  },
): NativeHooks {
  return {
    packageName,
    clientFromEnv: (env) => clientFromEnv({ env }),
    serveWebhooks(options) {
      const { url, close } = serve(options);
      return Promise.resolve({ post: (init) => fetch(url, { method: "POST", ...init }), close });
    },
  };
}

/**
 * What the runtime package adds, adapted by each entry to one shape: its `clientFromEnv`, and
 * its way to serve webhooks (`toNodeListener`, `serveWebhooks`, `webhookWorker`).
 */
export interface NativeHooks {
  /** The package's own name, e.g. `@bestsms/node`. */
  readonly packageName: string;
  /** `clientFromEnv` reading these variables (BESTSMS_AUTH_TOKEN, BESTSMS_BASE_URL). */
  clientFromEnv(env: Record<string, string>): InstanceType<SdkModule["BestSMS"]>;
  serveWebhooks(options: Parameters<SdkModule["createWebhookHandler"]>[0]): Promise<ServedWebhooks>;
}

/** What a case gets. */
export interface Ctx {
  /** The package under test, as imported by the runtime (its dist). */
  readonly sdk: SdkModule;
  /** `@bestsms/webhooks/xml`, or undefined when the runtime could not import it. */
  readonly xml: XmlModule | undefined;
  /** The sandbox's origin, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
  /** The sandbox's token (it also signs the sandbox's webhooks). */
  readonly token: string;
  /** A loopback address that accepts connections and never answers: for the timeout case. */
  readonly stallUrl: string | undefined;
  /** A loopback address nothing listens on: for the refused-connection case. */
  readonly refusedUrl: string | undefined;
  /** `node/20.20.0`, `deno/2.9.6`, `bun/1.4.5`, `workerd`, `edge-runtime`. */
  readonly runtime: string;
  /** The runtime package's own helpers; undefined while an entry tests the shared packages. */
  readonly native: NativeHooks | undefined;
  readonly assert: Assert;
}

export interface ConformanceCase {
  readonly name: string;
  run(ctx: Ctx): Promise<void>;
}
