/**
 * The three files of a new cascade: a company, a product under it and a team
 * under the product, linked KR to KR, each KR backed by a roadmap item with a
 * hypothesis. Pure: names and dates in, file texts out; the result checks clean.
 */

export interface ScaffoldInput {
  /** Display name of the company, e.g. "Acme". */
  company: string;
  /** Today as `YYYY-MM-DD` (the `reviewed:` date; the period is its year and quarter). */
  today: string;
  /** Unit ids already used in the workspace (the new ones avoid them). */
  taken?: ReadonlySet<string>;
}

export interface ScaffoldFile {
  /** Path relative to the chosen folder. */
  path: string;
  unit: string;
  text: string;
}

/** `Acme Pay` → `acme-pay`; never empty, always a valid unit id. */
export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'company';
}

function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** YAML-safe display text: plain when it can be, else double-quoted. */
function scalar(s: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 .,'()&/+-]*$/.test(s) && !/\s$/.test(s) && !/^(true|false|yes|no|on|off|null)$/i.test(s) ? s : JSON.stringify(s);
}

export function scaffoldCascade(input: ScaffoldInput): ScaffoldFile[] {
  const taken = new Set(input.taken ?? []);
  const name = input.company.trim() || 'Acme';
  const company = freeId(slugify(name), taken);
  taken.add(company);
  const product = freeId(`${company}-app`, taken);
  taken.add(product);
  const team = freeId(`${company}-growth`, taken);
  const year = input.today.slice(0, 4);
  const quarter = Math.floor((Number(input.today.slice(5, 7)) - 1) / 3) + 1;

  const companyText = `# ${name} — company OKRs for ${year}: the top of the cascade (no parent).
# Product KRs point up at these with \`supports: ${company}/KR1\`.
unit: ${company}
name: ${scalar(name)}
level: company
period: ${year}
owner: CEO
reviewed: ${input.today}

objectives:
  O1:
    title: Grow revenue from self-serve customers
    key_results:
      KR1:
        title: Raise monthly recurring revenue from self-serve plans
        baseline: 120
        target: 180
        unit: k USD
`;

  const productText = `# ${name} App — a product under ${company}. Its objectives become the lanes of
# its roadmap; its KRs support the company's; its roadmap items support its KRs.
# Open the roadmap beside this file: OKR: Open Roadmap Preview to the Side (Ctrl+K V).
unit: ${product}
name: ${scalar(`${name} App`)}
level: product
parent: ${company}
period: ${year}
owner: Product lead
capacity: 3               # items the product team can carry in \`now\`
reviewed: ${input.today}

objectives:
  O1:
    title: Make the first week with the product a success
    key_results:
      KR1:
        title: Raise trial-to-paid conversion
        baseline: 8
        target: 12
        unit: "%"
        supports: ${company}/KR1

roadmap:
  guided-onboarding:
    title: Guided onboarding checklist
    supports: KR1
    hypothesis: We believe a checklist of the first three setup steps will raise trial-to-paid conversion because most trials that convert finish setup on their first day.
    horizon: now
    confidence: medium
    status: planned
    type: feature

  usage-based-trial:
    title: Trial that ends on usage, not on a date
    supports: KR1
    hypothesis: We believe ending trials after ten real uses instead of fourteen days will raise conversion because half of our trials expire before the account was used twice.
    horizon: later
    confidence: low
    status: idea
    type: experiment
`;

  const teamText = `# Growth team — under ${product}. Its KR supports the product's KR1;
# its roadmap items are the bets it makes this quarter.
unit: ${team}
name: Growth team
level: team
parent: ${product}
period: ${year}-Q${quarter}
owner: Team lead
reviewed: ${input.today}

objectives:
  O1:
    title: Turn more trials into active accounts
    key_results:
      KR1:
        title: Raise the share of trials that invite a teammate
        baseline: 15
        target: 25
        unit: "%"
        supports: ${product}/KR1

roadmap:
  invite-prompt:
    title: Invite-a-teammate prompt after setup
    supports: KR1
    hypothesis: We believe prompting for a teammate right after setup will raise invitations because accounts with two users convert twice as often as single-user ones.
    horizon: now
    confidence: medium
    status: planned
    type: experiment
`;

  return [
    { path: `${company}.okr.yaml`, unit: company, text: companyText },
    { path: `${product}.okr.yaml`, unit: product, text: productText },
    { path: `teams/${team}.okr.yaml`, unit: team, text: teamText },
  ];
}
