// The program's entry: hands the command line to the CLI and nothing else.
export { main } from './cli/main.js';
