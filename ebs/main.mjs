// `npm run ebs`: the onair Extension Backend Service. Settings come from the environment (see
// README.md in this folder); nothing is read from files in the repository.
import { createEbs } from './app.mjs';
import { readConfig } from './config.mjs';
import { createLogger } from './log.mjs';

const log = createLogger({ level: process.env.ONAIR_EBS_LOG_LEVEL ?? 'info' });

let config;
try {
  config = readConfig(process.env);
} catch (error) {
  process.stderr.write(`onair ebs: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

const ebs = await createEbs(config, { log });
await ebs.listen();
ebs.pollViewers().catch((error) => log.warn('viewers.poll-failed', { error }));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info('ebs.stopping', { signal });
    ebs.close().then(
      () => process.exit(0),
      (error) => {
        log.error('ebs.stop-failed', { error });
        process.exit(1);
      },
    );
  });
}
