import axe from 'axe-core';
import type { Frame, Page } from 'playwright-core';

/** Runs axe-core (injected from node_modules, never from a CDN) in a page or in the tab's frame. */

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

export async function axeViolations(target: Page | Frame): Promise<AxeViolation[]> {
  await target.evaluate(axe.source);
  return target.evaluate(async () => {
    const w = window as unknown as {
      axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
    };
    const result = await w.axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

export async function expectNoAxeViolations(target: Page | Frame, where: string): Promise<void> {
  const violations = await axeViolations(target);
  if (violations.length === 0) return;
  const report = violations
    .map(
      (v) =>
        `  ${v.id} (${v.impact ?? '?'}): ${v.help}\n${v.nodes
          .slice(0, 5)
          .map(
            (n) =>
              `    ${JSON.stringify(n.target)} ${n.failureSummary?.split('\n').join(' ') ?? ''}`,
          )
          .join('\n')}`,
    )
    .join('\n');
  throw new Error(`axe vond ${violations.length} overtreding(en) in ${where}:\n${report}`);
}
