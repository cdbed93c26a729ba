#!/usr/bin/env node
// Entry point for `npx tgwire`: runs the compiled CLI (built by `npm ci` through the prepare script).
// A checkout where nothing was built yet gets a line saying what to run, not a module-resolution stack trace.
let main;
try {
  ({ main } = await import('../dist/main.js'));
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist/main.js')) throw err;
  console.error('tgwire: not built yet: run `npm ci` (or `npm run build`) in the project folder first');
  process.exit(1);
}
main(process.argv).then((code) => {
  process.exitCode = code;
});
