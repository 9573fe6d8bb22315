import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.stderr.write('policy-index: internal error\n');
    process.exitCode = 2;
  },
);
