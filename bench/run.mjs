// Placeholder until the benchmarks issue lands: `npm run bench` will run the suites in bench/.
console.log('onair: no benchmarks yet.');
