/** The Slack load generator, run as a separate process by bench-slack.ts: hosts the fake Slack API and sends the load. */
import { startFakeSlackApi } from '../fakes/slack/fake-slack-api.js';
import { serveRpc } from './bench-rpc.js';
import { runSlackRound, trackSlackReplies } from './slack-load.js';

const fake = await startFakeSlackApi({ token: 'xoxb-bench-token' });
const arrivals = trackSlackReplies(fake);

serveRpc({
  start: async () => ({ apiUrl: fake.apiUrl, base: fake.base }),
  round: async (a) => {
    arrivals.clear();
    return runSlackRound({
      url: String(a.url),
      secret: String(a.secret),
      fakeBase: fake.base,
      arrivals,
      requests: Number(a.requests),
      concurrency: Number(a.concurrency),
      round: Number(a.round),
    });
  },
  stop: async () => {
    await fake.close();
    setTimeout(() => process.exit(0), 10);
    return 'stopped';
  },
});
