#!/usr/bin/env node
// Entry point for `npx tgwire`: runs the compiled CLI (built by `npm ci` through the prepare script).
import { main } from '../dist/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
