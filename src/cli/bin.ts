import { main } from './main.js';
import { removePendingOutputTemps } from '../node/output.js';

// Ctrl-C stops cleanly: no temporary output file is left, the progress line is erased, exit code 130.
process.once('SIGINT', () => {
  removePendingOutputTemps();
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  process.exit(130);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.stderr.write('policy-index: internal error\n');
    process.exitCode = 2;
  },
);
