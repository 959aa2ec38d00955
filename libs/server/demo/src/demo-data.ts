import { EmployeeBand, GroupFormat, GroupStatus } from '@roundtable/domain';

/** ONS GSS codes of the local authority districts the demo firms trade in. */
export const LA = {
  highland: 'S12000017',
  edinburgh: 'S12000036',
  glasgow: 'S12000049',
  angus: 'S12000041',
  dundee: 'S12000042',
  aberdeen: 'S12000033',
  perthKinross: 'S12000048',
  aberdeenshire: 'S12000034',
  manchester: 'E08000003',
  newcastle: 'E08000021',
  countyDurham: 'E06000047',
  leeds: 'E08000035',
  northumberland: 'E06000057',
} as const;

/**
 * How a firm's application to its group turned out. `member`: approved and still active;
 * `left`: approved, then left (kept as history); the rest are application states.
 */
export type DemoOutcome = 'member' | 'left' | 'pending' | 'rejected' | 'withdrawn';

/**
 * [outcome, name, Companies House number, SIC 2007, employee band, local authority, postcode, people (owner first)].
 * The groups list their firms one a line, as a table, so prettier is told to leave those lists alone.
 */
export type DemoFirmRow = [DemoOutcome, string, string, string, EmployeeBand, string, string, string];

export interface DemoGroup {
  name: string;
  theme: string;
  format: GroupFormat;
  capacity: number;
  status: GroupStatus;
  defaultVenue: string | null;
  defaultMeetingLink: string | null;
  /** Indexes into DEMO_FACILITATORS; the first one decides the group's applications. */
  facilitators: number[];
  /** When the cohort's first members were admitted (before its first session). */
  startedDaysAgo: number;
  /** Active groups: a monthly series of twelve sessions, about seven of them already held. */
  series?: DemoSeries;
  /** A forming group: its first one-off sessions, still to come. */
  firstSessions?: DemoOneOff[];
  /** What applicants say they want to work on, drawn from for each application. */
  goals: string[];
  firms: DemoFirmRow[];
}

/** A monthly series in Europe/London: RRULE FREQ=MONTHLY;BYDAY=<byDay>;COUNT=12. */
export interface DemoSeries {
  /** e.g. 1TU: the first Tuesday of the month. */
  byDay: string;
  /** Local wall-clock start, HH:mm. */
  localTime: string;
  durationMinutes: number;
  /** One topic per session, in order; the meeting title is "Session n: topic". */
  topics: string[];
  /** A past session (1-based) the facilitator had to cancel. */
  cancelledSession?: number;
}

/** A one-off session about `daysAhead` days from now, moved on to a Tuesday, Wednesday or Thursday. */
export interface DemoOneOff {
  daysAhead: number;
  localTime: string;
  durationMinutes: number;
  title: string;
}

export const DEMO_PROGRAMME = {
  name: 'Peer Works Highlands & Lowlands',
  region: 'Scotland and the North of England',
  funder: 'Scottish Enterprise',
  timezone: 'Europe/London',
  confidentialityText: 'What members share in the room stays in the room.',
};

export const DEMO_STAFF = {
  admin: { email: 'admin@demo.roundtable.local', name: 'Ada Admin' },
  manager: { email: 'pm@demo.roundtable.local', name: 'Fiona MacLeod' },
};

/** facilitator1@…, facilitator2@…, facilitator3@… in this order. */
export const DEMO_FACILITATORS = ['Callum Mackenzie', 'Eilidh Robertson', 'David Whitfield'];
export const facilitatorEmail = (index: number) => `facilitator${index + 1}@demo.roundtable.local`;

/** The well-known member login: the owner of an active member firm of the first group. */
export const DEMO_MEMBER = { email: 'member@demo.roundtable.local', firm: 'Caledonian Crust Bakery Ltd' };

export const DEMO_GROUPS: DemoGroup[] = [
  {
    name: 'Digital Leaders — Inverness',
    theme: 'Adopting cloud, data and AI tools in small firms',
    format: 'in_person',
    capacity: 10,
    status: 'active',
    defaultVenue: 'Inverness Campus, Inverness',
    defaultMeetingLink: null,
    facilitators: [0],
    startedDaysAgo: 240,
    series: {
      byDay: '1TU',
      localTime: '09:30',
      durationMinutes: 180,
      topics: [
        'Where we are now: a digital health check',
        'Cloud accounting and getting paid faster',
        'Cyber security basics before the audit',
        'Online ordering and booking systems',
        'Making sense of your numbers with simple dashboards',
        'AI tools: what is safe to use with customer data',
        'Websites that sell: search, reviews and enquiries',
        'Automating the admin: job scheduling and quotes',
        'Choosing and buying software without regret',
        'Data protection in practice',
        'Bringing the team with you on new tools',
        'Review of the year and next steps',
      ],
    },
    goals: [
      'Move our job scheduling and invoicing off spreadsheets',
      'Understand where AI tools could save us time without risking customer data',
      'Tighten our cyber security before a customer audit',
      'Set up a simple monthly dashboard of the numbers that matter',
      'Take online orders and bookings without adding admin',
    ],
    // prettier-ignore
    firms: [
      ['member', 'Caledonian Crust Bakery Ltd', 'SC512374', '10710', '10-49', LA.highland, 'IV2 4JZ', 'Ailsa Grant, Rory Grant'],
      ['member', 'Moray Firth Software Ltd', 'SC634519', '62012', '10-49', LA.highland, 'IV2 3BW', 'Euan Macdonald'],
      ['member', 'Glen Affric Lodges Ltd', 'SC587203', '55209', '5-9', LA.highland, 'IV4 7LY', 'Catriona Chisholm, Hamish Chisholm'],
      ['member', 'Cairngorm Outdoor Clothing Ltd', 'SC471836', '47710', '5-9', LA.highland, 'PH22 1RH', 'Kirsty Munro'],
      ['member', 'Black Isle Plumbing & Heating Ltd', 'SC398127', '43220', '5-9', LA.highland, 'IV8 8NY', 'Duncan Urquhart'],
      ['member', 'Highland Precision Engineering Ltd', 'SC356742', '25620', '10-49', LA.highland, 'IV1 1SW', 'Ross Maclean, Shona Maclean'],
      ['member', 'Loch Ness Accountancy LLP', 'SO305112', '69201', '5-9', LA.highland, 'IV3 5LF', 'Iain Fraser'],
      ['member', 'Kessock Marine Services Ltd', 'SC429865', '33150', '10-49', LA.highland, 'IV1 3XQ', 'Alasdair Ross'],
      ['left', 'Strathpeffer Spa Hotel Ltd', 'SC283641', '55100', '10-49', LA.highland, 'IV14 9AP', 'Morven Mackay'],
      ['pending', 'Ness Digital Ltd', 'SC701458', '62012', '5-9', LA.highland, 'IV2 6AR', 'Lewis Campbell'],
      ['pending', 'Mains of Tore Farm Ltd', 'SC552918', '01110', '5-9', LA.highland, 'IV6 7RU', 'Angus Matheson'],
      ['rejected', 'Alba Heating Engineers Ltd', 'SC618370', '43220', '10-49', LA.highland, 'IV2 7PA', 'Gordon Sutherland'],
    ],
  },
  {
    name: 'Growth Owners Online',
    theme: 'Leading growth: hiring, delegation and pricing',
    format: 'online',
    capacity: 12,
    status: 'active',
    defaultVenue: null,
    defaultMeetingLink: 'https://meet.demo.roundtable.local/growth-owners-online',
    facilitators: [1],
    startedDaysAgo: 235,
    series: {
      byDay: '2WE',
      localTime: '14:00',
      durationMinutes: 150,
      cancelledSession: 5,
      topics: [
        'Where the business is now and where you want it',
        'Delegation: letting go without losing control',
        'Pricing for value',
        'Hiring your next key person',
        'Cash flow and funding growth',
        'Managing managers',
        'Winning work outside your area',
        'Sales pipeline and key accounts',
        'Culture and keeping good people',
        'Five-year plan and succession',
        'Boards, advisers and mentors',
        'Review of the year and next steps',
      ],
    },
    goals: [
      'Get better at delegating so I can work on the business rather than in it',
      'Price our work properly as energy and wage costs rise',
      'Recruit and keep good people as we grow',
      'Win more work outside our local area',
      'Plan the next five years, including succession',
    ],
    // prettier-ignore
    firms: [
      ['member', 'Leith Craft Brewing Co Ltd', 'SC589314', '11050', '10-49', LA.edinburgh, 'EH6 6QU', 'Jamie Henderson'],
      ['member', 'Merchant City Design Studio Ltd', 'SC642077', '74100', '5-9', LA.glasgow, 'G1 1QX', 'Priya Sharma, Niall Docherty'],
      ['member', 'Tyne Robotics Ltd', '11482093', '28290', '10-49', LA.newcastle, 'NE1 3DY', 'Helen Armstrong'],
      ['member', 'Ancoats Analytics Ltd', '12094876', '62020', '10-49', LA.manchester, 'M4 6BF', 'Sam Okafor, Rachel Burns'],
      ['member', 'Weardale Cheese Company Ltd', '10837261', '10510', '5-9', LA.countyDurham, 'DL13 1PA', 'Joanne Walton'],
      ['member', 'Kirkgate Menswear Ltd', '09273548', '47710', '5-9', LA.leeds, 'LS1 6HD', 'Daniel Hirst'],
      ['member', 'Tynedale Heating Services Ltd', '08615392', '43220', '5-9', LA.northumberland, 'NE46 3PU', 'Mark Charlton'],
      ['member', 'Granite City Subsea Engineering Ltd', 'SC498231', '71121', '50-249', LA.aberdeen, 'AB11 5RG', 'Lorna Duguid'],
      ['member', 'Fair City Bookkeeping Ltd', 'SC667150', '69201', '0-4', LA.perthKinross, 'PH1 5TA', 'Gillian Reid'],
      ['left', 'Castlegate Consulting Ltd', 'SC537846', '70229', '0-4', LA.aberdeen, 'AB10 1YL', 'Martin Low'],
      ['pending', 'Northern Quarter Coffee Roasters Ltd', '13350784', '10830', '5-9', LA.manchester, 'M4 1HN', 'Chloe Fletcher'],
      ['pending', 'Framwellgate Web Ltd', '11927465', '62012', '0-4', LA.countyDurham, 'DH1 4SP', 'Tom Robson'],
      ['withdrawn', 'Jesmond Dental Laboratory Ltd', '10265419', '32500', '5-9', LA.newcastle, 'NE2 1DB', 'Sarah Milburn'],
    ],
  },
  {
    name: 'Manufacturing Managers — Dundee',
    theme: 'Lean operations, automation and energy costs',
    format: 'hybrid',
    capacity: 10,
    status: 'active',
    defaultVenue: 'Dundee Technology Park, Dundee',
    defaultMeetingLink: 'https://meet.demo.roundtable.local/manufacturing-managers-dundee',
    facilitators: [2],
    startedDaysAgo: 230,
    series: {
      byDay: '3TH',
      localTime: '09:30',
      durationMinutes: 180,
      topics: [
        'Site tours and a baseline of the numbers',
        'Lean basics: seeing the seven wastes',
        'Energy: measure first, then cut',
        'Production data on the shop floor',
        'Automation: does a cobot pay back?',
        'Turning supervisors into managers',
        'Maintenance: from firefighting to planned',
        'Quality without the paperwork',
        'Stock, suppliers and lead times',
        'A safety culture people own',
        'Net zero plans customers ask for',
        'Review of the year and next steps',
      ],
    },
    goals: [
      'Use our production data to cut waste and downtime',
      'Decide whether a cobot or CNC upgrade would pay back',
      'Cut energy use across the site',
      'Bring in lean methods without losing the team',
      'Develop supervisors into managers',
    ],
    // prettier-ignore
    firms: [
      ['member', 'Tay Precision Machining Ltd', 'SC402683', '25620', '10-49', LA.dundee, 'DD2 4UH', 'Graeme Kerr, Laura Kerr'],
      ['member', 'Arbroath Fabrication Ltd', 'SC319574', '25110', '10-49', LA.angus, 'DD11 3RB', 'Neil Cargill'],
      ['member', 'Discovery Plastics Ltd', 'SC286450', '22290', '50-249', LA.dundee, 'DD4 8XD', 'Karen Ogilvie, Paul Brannan'],
      ['member', 'Carnoustie Controls Ltd', 'SC455198', '27120', '10-49', LA.angus, 'DD7 7SA', 'Derek Lindsay'],
      ['member', 'Montrose Subsea Tooling Ltd', 'SC578261', '28290', '10-49', LA.angus, 'DD10 8JS', 'Scott Milne'],
      ['member', 'Perthshire Timber Products Ltd', 'SC343915', '16230', '10-49', LA.perthKinross, 'PH2 8DY', 'Alison Stewart'],
      ['member', 'Broughty Instruments Ltd', 'SC611847', '26511', '5-9', LA.dundee, 'DD5 2HT', 'Colin Duncan'],
      ['member', 'Inverurie Agri Engineering Ltd', 'SC264739', '28300', '10-49', LA.aberdeenshire, 'AB51 4SX', 'Gavin Forbes'],
      ['pending', 'Dens Road Engineering Ltd', 'SC693204', '25620', '10-49', LA.dundee, 'DD3 7HR', 'Craig Soutar'],
      ['pending', 'Forfar Food Ingredients Ltd', 'SC521680', '10890', '10-49', LA.angus, 'DD8 3TF', 'Heather Petrie'],
      ['withdrawn', 'Stonehaven Boatbuilders Ltd', 'SC376508', '30120', '5-9', LA.aberdeenshire, 'AB39 2JP', 'Bruce Leiper'],
    ],
  },
  {
    name: 'Tourism & Hospitality Network',
    theme: 'Online bookings, reviews and year-round trade',
    format: 'in_person',
    capacity: 8,
    status: 'forming',
    defaultVenue: 'Pitlochry Town Hall, Pitlochry',
    defaultMeetingLink: null,
    facilitators: [0],
    startedDaysAgo: 12,
    firstSessions: [
      {
        daysAhead: 9,
        localTime: '14:00',
        durationMinutes: 150,
        title: 'Session 1: Welcome, ground rules and what each business wants',
      },
      { daysAhead: 37, localTime: '14:00', durationMinutes: 150, title: 'Session 2: Direct bookings without the big sites' },
    ],
    goals: [
      'Take more direct bookings and rely less on the big booking sites',
      'Stretch the season into the winter months',
      'Respond to online reviews in a way that brings guests back',
      'Recruit and keep seasonal staff',
    ],
    // prettier-ignore
    firms: [
      ['member', 'Pitlochry Riverside Hotel Ltd', 'SC448276', '55100', '10-49', LA.perthKinross, 'PH16 5BU', 'Elaine McGregor'],
      ['member', 'Glencoe Guided Walks Ltd', 'SC659382', '79120', '0-4', LA.highland, 'PH49 4HX', 'Ruaridh Cameron'],
      ['member', 'Strathearn Larder Ltd', 'SC503719', '56101', '10-49', LA.perthKinross, 'PH7 3AN', 'Fraser Drummond, Isla Drummond'],
      ['pending', 'Aviemore Bunkhouse Ltd', 'SC682541', '55209', '5-9', LA.highland, 'PH22 1PL', 'Mhairi Shaw'],
      ['pending', 'Loch Tay Cabins Ltd', 'SC574830', '55209', '0-4', LA.perthKinross, 'PH15 2PA', 'Donald Menzies'],
      ['pending', 'Royal Mile Walking Tours Ltd', 'SC625947', '79120', '0-4', LA.edinburgh, 'EH1 1RE', 'Hannah Baird'],
      ['rejected', 'Alnmouth Surf Café Ltd', '12837406', '56102', '0-4', LA.northumberland, 'NE66 2RJ', 'Ben Dodds'],
    ],
  },
];

/** Why a firm left, was turned down or withdrew: the end reason or decision note, by firm name. */
export const OUTCOME_NOTES: Record<string, string> = {
  'Strathpeffer Spa Hotel Ltd': 'Sold the hotel in the spring; the new owners may apply to the Tourism & Hospitality Network.',
  'Castlegate Consulting Ltd': 'Took on a full-time contract and no longer has the time for monthly sessions.',
  'Alba Heating Engineers Ltd':
    'Same trade and area as a current member (plumbing and heating, Highland). Offered a place in Growth Owners Online instead.',
  'Alnmouth Surf Café Ltd':
    'The network is for tourism firms in the Highlands and Perthshire. Suggested Growth Owners Online, which takes firms from anywhere.',
  'Jesmond Dental Laboratory Ltd': 'Cannot commit to monthly sessions this year; will reapply for the next cohort.',
  'Stonehaven Boatbuilders Ltd': 'Our busy season clashes with the session dates. Withdrawn for now.',
};

export const DEMO_HEARD_ABOUT = [
  'Business Gateway adviser',
  'A current member',
  'Chamber of Commerce newsletter',
  'LinkedIn',
  'Our accountant',
  'The council’s economic development team',
];
