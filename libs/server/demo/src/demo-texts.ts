import { CommitmentTheme, MeetingMode } from '@roundtable/domain';

/** The words of the meetings: agendas, commitments and how they turned out, notes, feedback. */

export const REPORT_BACK = "Report back on last session's actions";
export const NEW_COMMITMENTS = 'New commitments';

/**
 * A session's agenda, one item a line: it opens with the report-back on last session's
 * actions (the first session opens with introductions) and closes with new commitments.
 */
export function agendaFor(session: number, topic: string, hotSeat: string | null): string {
  const items = [
    session === 1 ? 'Introductions, ground rules and confidentiality' : REPORT_BACK,
    `${topic}: short input, then discussion`,
    ...(hotSeat ? [`Hot seat: ${hotSeat} brings a live issue to the group`] : []),
    NEW_COMMITMENTS,
  ];
  return items.map((item, i) => `${i + 1}. ${item}`).join('\n');
}

export type CommitmentText = readonly [CommitmentTheme, string];

/** What members of any group commit to. */
const SHARED_COMMITMENTS: CommitmentText[] = [
  ['finance', 'Move invoicing to Xero and chase debtors weekly'],
  ['finance', 'Set up a 13-week cash flow forecast and review it every Monday'],
  ['people', 'Write a one-page training plan for the new apprentice'],
  ['people', 'Hold a proper one-to-one with each team lead this month'],
  ['management_practice', 'Block out a half day a week to work on the business, not in it'],
  ['management_practice', 'Agree three numbers to track monthly and share them with the team'],
  ['sales_marketing', 'Ask our five best customers for a review or a referral'],
  ['digital_adoption', 'Turn on two-factor authentication for email and banking'],
  ['other', 'Visit another member’s business before the next session'],
];

/** What members of each group commit to, by group name. */
const GROUP_COMMITMENTS: Record<string, CommitmentText[]> = {
  'Digital Leaders — Inverness': [
    ['digital_adoption', 'Run a two-week trial of online booking'],
    ['digital_adoption', 'Move job scheduling from the whiteboard to a shared calendar app'],
    ['digital_adoption', 'Write a short policy on which AI tools staff may use with customer data'],
    ['digital_adoption', 'Get three quotes for a cloud backup service and pick one'],
    ['digital_adoption', 'Take online orders for collection through the website'],
    ['operations', 'Replace paper timesheets with a phone app for the field team'],
    ['sales_marketing', 'Claim and tidy up our Google Business Profile'],
    ['management_practice', 'Build a one-page monthly dashboard from the accounts package'],
    ['digital_adoption', 'Complete the Cyber Essentials self-assessment'],
  ],
  'Growth Owners Online': [
    ['finance', 'Raise prices by 6% for new customers and test the reaction'],
    ['management_practice', 'Hand the weekly production meeting over to the operations lead'],
    ['people', 'Write a job description for a sales manager and share it with the group'],
    ['sales_marketing', 'Bid for one contract outside our home region'],
    ['finance', 'Work out the real margin on our three biggest product lines'],
    ['management_practice', 'Draft a five-year plan on two pages'],
    ['people', 'Run a short staff survey and act on one result'],
    ['management_practice', 'Write down what only I can do and delegate one other task'],
    ['sales_marketing', 'Call every customer who has not ordered in six months'],
  ],
  'Manufacturing Managers — Dundee': [
    ['operations', 'Map the value stream for our best-selling part'],
    ['operations', 'Fit sub-meters on the compressors and log energy use for a month'],
    ['operations', 'Start a daily ten-minute stand-up on the shop floor'],
    ['digital_adoption', 'Get a quote for a cobot on the packing line and work out the payback'],
    ['operations', 'Run a 5S day in the stores'],
    ['people', 'Put two supervisors through a first-line management course'],
    ['operations', 'Track machine downtime and its causes on a simple tablet form'],
    ['operations', 'Move the top ten maintenance jobs onto a planned schedule'],
    ['finance', 'Apply for an energy efficiency grant for the LED lighting upgrade'],
  ],
};

export function commitmentTexts(groupName: string): CommitmentText[] {
  const own = GROUP_COMMITMENTS[groupName];
  if (!own) throw new Error(`Demo data: "${groupName}" needs an entry in GROUP_COMMITMENTS`);
  return [...own, ...SHARED_COMMITMENTS];
}

/** What members report back, by review status. */
export const COMMITMENT_OUTCOMES = {
  done: [
    'Done. Took longer than planned but it is working now.',
    'Done, and the team has already picked it up.',
    'Done: saving a couple of hours a week already.',
    'Done. Customers noticed within a fortnight.',
    'Done, with help from another member who had been through it.',
    'Completed and shared the result with the group.',
  ],
  partly: [
    'Started; about half done. Will finish before the next session.',
    'Partly: the trial ran but we have not decided yet.',
    'Got quotes but have not committed the money.',
    'Done for one site, the other still to do.',
    'Made a start, then a big order took over.',
  ],
  dropped: [
    'Dropped: not a priority after losing a key customer.',
    'Dropped. Turned out the supplier already does this for us.',
    'Parked until the new year; cash is too tight right now.',
    'Dropped after talking it through: the payback is not there.',
  ],
} as const;

/** A facilitator's private note on a session; {a} and {b} are two people who were there. */
export const NOTE_TEMPLATES = [
  'Good energy today. {a} was quieter than usual: cash flow worries after a late payment. Check in before next session.',
  '{a} and {b} have started helping each other outside the sessions. Worth encouraging.',
  'Hot seat ran long but was the most useful part. {a} is close to a decision; keep them honest on it.',
  '{a} has missed actions two sessions running. Gentle one-to-one call this week.',
  '{b} pushed back hard on {a}’s pricing plan. Handled well, but watch the dynamic next time.',
  'Room was too warm and the projector failed. Book the other room next month.',
  '{a} mentioned a possible sale of the business. Confidential: not to be raised in the group.',
  'Strong report-back round: most actions done. {b} wants to bring a staffing issue next time.',
  'Ran out of time for new commitments; took them by email from {a} and {b}.',
  '{a} is thinking of leaving the group (workload). Talk about a lighter way to stay involved.',
];

/** Optional comments with feedback, by how the session went for the person. */
export const FEEDBACK_COMMENTS = {
  good: [
    'Really useful hot seat, I took away three things to try.',
    'Hearing how others priced their work gave me the nerve to raise ours.',
    'Great session, the report-back keeps me honest.',
    'Practical and well run. More time for the discussion please.',
    'The best couple of hours of my month.',
    'Good to hear I am not the only one struggling with this.',
  ],
  poor: [
    'Too much time on one person’s issue this time.',
    'The topic was less relevant to a business our size.',
    'Felt rushed at the end; we barely got to commitments.',
  ],
};

export const CANCELLATION_MESSAGE =
  'Sorry to cancel at short notice: I am unwell. We will pick up this topic at the next session, and please bring your report-back then.';

export interface DemoOpenEvent {
  title: string;
  agenda: string;
  /** Days from now (negative: in the past), moved on to a Tuesday, Wednesday or Thursday. */
  daysAhead: number;
  localTime: string;
  durationMinutes: number;
  mode: MeetingMode;
  venue: string | null;
  onlineLink: string | null;
  capacity: number;
  /** How many people book; above capacity they join the waitlist. */
  bookings: number;
}

const OPEN_LINK = 'https://meet.demo.roundtable.local/peer-works-open-events';

/** Programme-wide open events: one held, one full with a waitlist, one with room. */
export const OPEN_EVENTS: DemoOpenEvent[] = [
  {
    title: 'Cyber security essentials for small firms',
    agenda: '1. What attacks on small firms look like\n2. Cyber Essentials step by step\n3. Questions',
    daysAhead: -44,
    localTime: '12:30',
    durationMinutes: 90,
    mode: 'online',
    venue: null,
    onlineLink: OPEN_LINK,
    capacity: 40,
    bookings: 16,
  },
  {
    title: 'Hands-on AI tools clinic',
    agenda: '1. Five tasks AI does well in a small firm\n2. Try it on your own documents\n3. Keeping customer data safe',
    daysAhead: 16,
    localTime: '10:00',
    durationMinutes: 120,
    mode: 'in_person',
    venue: 'Dundee Technology Park, Dundee',
    onlineLink: null,
    capacity: 6,
    bookings: 9,
  },
  {
    title: 'Exporting for the first time: ask the experts',
    agenda: '1. Is exporting right for you?\n2. Paperwork after Brexit\n3. Panel questions\n4. Networking',
    daysAhead: 51,
    localTime: '16:00',
    durationMinutes: 120,
    mode: 'hybrid',
    venue: 'Perth Concert Hall, Perth',
    onlineLink: OPEN_LINK,
    capacity: 40,
    bookings: 12,
  },
];
