#!/usr/bin/env node
// The CLI lives in dist/ (built); this file exists before the build so package managers can link it.
import "../dist/cli.js";
