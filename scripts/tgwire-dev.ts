// Runs the CLI from source (tests spawn this to exercise real exit codes and output without a build).
import { main } from '../src/main.js';

process.exitCode = await main(process.argv);
