/** One real Sitrep over the real knowledge base, built on first use and shared by the property tests. */
import { fileURLToPath } from 'node:url';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Sitrep } from '../../src/sitrep.js';
import { testSitrep } from '../support/engine.js';

const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));
const silent = { info() {}, warn() {}, error() {} };
let shared: Promise<Sitrep> | undefined;

export function sitrep(): Promise<Sitrep> {
  shared ??= testSitrep({ knowledge: loadKnowledge(KNOWLEDGE_DIR), log: silent });
  return shared;
}
