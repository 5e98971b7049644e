import type { Competency, CompetencyBlock } from '../../../domain/schema';

export interface ClusterGroup {
  cluster: string | null;
  competencies: Competency[];
}

export interface BlockGroup {
  block: CompetencyBlock | null;
  clusters: ClusterGroup[];
}

const BLOCK_ORDER: ReadonlyArray<CompetencyBlock | null> = ['technical', 'behavioural', null];

/**
 * Competencies grouped as the document shows them: by block (technical first), then by cluster
 * in the order clusters first appear, competencies in document order within each.
 */
export function groupCompetencies(competencies: readonly Competency[]): BlockGroup[] {
  return BLOCK_ORDER.flatMap((block) => {
    const inBlock = competencies.filter((c) => c.block === block);
    if (inBlock.length === 0) return [];
    const clusters = new Map<string | null, Competency[]>();
    for (const competency of inBlock) {
      const list = clusters.get(competency.cluster);
      if (list) list.push(competency);
      else clusters.set(competency.cluster, [competency]);
    }
    return [
      {
        block,
        clusters: [...clusters].map(([cluster, list]) => ({ cluster, competencies: list })),
      },
    ];
  });
}
