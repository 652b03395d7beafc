import type { Block } from '../corpus/types.js';
import type { Span } from './matcher.js';

// Relevance of the candidates of one query. lunr's BM25 sees only the terms it was asked for (a
// unit's rare bigrams), so the final score is computed per query unit from what the position check
// found: BM25 on the unit's real occurrences, credit for a section that is about the unit, and a
// little for passages holding part of it. lunr's score breaks ties.

export interface UnitEvidence {
  /** Times the whole unit occurs in the passage. */
  occurrences: number;
  /** The passage sits in a section whose title names the unit. */
  inContext: boolean;
  /** Share of the bigrams in the unit's words present when the whole is absent (0–1), weighted. */
  partial: number;
}

export interface Scored {
  position: number;
  block: Block;
  field: string;
  spans: Span[];
  units: UnitEvidence[];
  lunrScore: number;
  /** Below 1 for secondary material (footnotes, source lines, afterword). */
  weight: number;
  /** Length of the passage in characters. */
  length: number;
  matchedAll: boolean;
}

const K1 = 1.2;
const B = 0.5;
/**
 * Credit, in idfs, for a passage in a section about the unit. Measured on the labelled queries:
 * 0.9 (up from 0.6 once sections were also named by the words along their path) ranks the
 * paragraphs of 金融服务 › 开放进展 among the first for 金融业开放; 0.8–1.0 do as well.
 */
const CONTEXT_WEIGHT = 0.9;
const PARTIAL_WEIGHT = 0.35;
const LUNR_WEIGHT = 0.1;
/** Section headings are short, so BM25 loves them; beyond this many, they yield to passages. */
const HEADINGS_UP_FRONT = 4;
const FRONT = 10;

function score(candidate: Scored, idf: number[], averageLength: number): number {
  let total = LUNR_WEIGHT * candidate.lunrScore;
  const norm = 1 - B + (B * candidate.length) / averageLength;
  candidate.units.forEach((unit, i) => {
    const weight = idf[i] ?? 0;
    if (unit.occurrences > 0)
      total += (weight * (unit.occurrences * (K1 + 1))) / (unit.occurrences + K1 * norm);
    else total += weight * PARTIAL_WEIGHT * unit.partial;
    if (unit.inContext) total += weight * CONTEXT_WEIGHT;
  });
  return total * candidate.weight;
}

/** The idf of each query unit and the mean passage length: what scoring a candidate needs. */
export interface ScoringContext {
  idf: number[];
  averageLength: number;
}

export function scoringContext(
  candidates: readonly Scored[],
  unitFrequency: readonly number[],
  passages: number,
): ScoringContext {
  return {
    idf: unitFrequency.map((n) => Math.log(1 + passages / Math.max(n, 1))),
    averageLength: candidates.reduce((sum, c) => sum + c.length, 0) / Math.max(candidates.length, 1),
  };
}

export function scoreCandidate(candidate: Scored, context: ScoringContext): Scored & { score: number } {
  return Object.assign(candidate, { score: score(candidate, context.idf, context.averageLength) });
}

/** Every unit present first, then by score (ties in reading order); section headings do not crowd the front. */
export function order<T extends Scored & { score: number }>(candidates: T[]): T[] {
  const sorted = candidates.sort(
    (a, b) => Number(b.matchedAll) - Number(a.matchedAll) || b.score - a.score || a.position - b.position,
  );
  const front: T[] = [];
  const deferred: T[] = [];
  let headings = 0;
  for (const c of sorted) {
    const crowding = c.block.type === 'heading' && headings >= HEADINGS_UP_FRONT && front.length < FRONT;
    if (crowding) deferred.push(c);
    else {
      if (c.block.type === 'heading') headings++;
      front.push(c);
    }
    if (front.length === FRONT) front.push(...deferred.splice(0));
  }
  return [...front, ...deferred];
}
