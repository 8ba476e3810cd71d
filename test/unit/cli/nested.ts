/** A small nested repository shared by the CLI tests. */

/** A repository (an empty .git: no git process is needed) with the config at its root and units two folders deep. */
export const NESTED: Record<string, string> = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  'okr.config.yaml': 'rules:\n  kr-without-roadmap: warning\n  weak-hypothesis: off\n',
  'acme.okr.yaml': `unit: acme
name: Acme
level: company
period: 2026
reviewed: 2026-10-01
objectives:
  O1:
    title: Grow revenue
    key_results:
      KR1: { title: Revenue, baseline: 1, target: 2 }
      KR2: { title: Margin, baseline: 1, target: 2 }
`,
  'products/app.okr.yaml': `unit: app
level: product
parent: acme
period: 2026
reviewed: 2026-10-01
objectives:
  O1:
    title: Convert trials
    key_results:
      KR1: { title: Conversion, baseline: 8, target: 12, supports: acme/KR1 }
roadmap:
  onboarding:
    title: Onboarding
    supports: KR1
    hypothesis: We think it helps
    horizon: now
`,
  'products/teams/web.okr.yaml': `unit: web
level: team
parent: app
period: 2026-Q4
reviewed: 2026-10-01
objectives:
  O1:
    title: Faster pages
    key_results:
      KR1: { title: Speed, baseline: 1, target: 2, supports: app/KR1 }
roadmap:
  cache:
    title: Cache
    supports: app/KR7
    hypothesis: Caching cuts load time because most pages repeat
    horizon: now
`,
};
export const NESTED_FILES = ['acme.okr.yaml', 'products/app.okr.yaml', 'products/teams/web.okr.yaml'];
