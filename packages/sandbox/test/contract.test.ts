// The contract suite (contract-suite.ts) against the Node sandbox on 127.0.0.1.
import { startSandbox } from "../src/index.js";
import { contractSuite } from "./contract-suite.js";
import { manualClock } from "./helpers.js";

contractSuite(() => startSandbox({ clock: manualClock(), authToken: "contract-token" }));
