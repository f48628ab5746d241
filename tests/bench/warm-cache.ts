/** Embeds the fact base into DATA_DIR's vector cache, as a first `npm start` would. */
import { openSemantic } from '../../adapters/semantic.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { createSitrep } from '../../src/sitrep.js';

const silent = { info() {}, warn() {}, error() {} };
const semantic = await openSemantic(process.env.DATA_DIR ?? 'data', silent);
await createSitrep({ knowledge: loadKnowledge('knowledge'), log: silent, ...semantic });
await semantic.embedder.close();
