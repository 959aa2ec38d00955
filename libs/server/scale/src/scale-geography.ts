/**
 * The UK the national data set is spread over: local authority districts (ONS GSS codes, as the demo uses) with a
 * postcode area each, grouped by the region a programme serves.
 */
export interface ScaleRegion {
  name: string;
  funders: string[];
  /** [GSS code, name, postcode area] */
  authorities: [string, string, string][];
}

export const SCALE_REGIONS: ScaleRegion[] = [
  {
    name: 'North East',
    funders: ['North East Combined Authority', 'North East Growth Hub'],
    authorities: [
      ['E06000001', 'Hartlepool', 'TS'],
      ['E06000002', 'Middlesbrough', 'TS'],
      ['E06000004', 'Stockton-on-Tees', 'TS'],
      ['E06000005', 'Darlington', 'DL'],
      ['E06000047', 'County Durham', 'DH'],
      ['E06000057', 'Northumberland', 'NE'],
      ['E08000021', 'Newcastle upon Tyne', 'NE'],
      ['E08000022', 'North Tyneside', 'NE'],
      ['E08000024', 'Sunderland', 'SR'],
      ['E08000037', 'Gateshead', 'NE'],
    ],
  },
  {
    name: 'North West',
    funders: ['Greater Manchester Combined Authority', 'Liverpool City Region Combined Authority', 'Lancashire Growth Hub'],
    authorities: [
      ['E08000001', 'Bolton', 'BL'],
      ['E08000003', 'Manchester', 'M'],
      ['E08000004', 'Oldham', 'OL'],
      ['E08000006', 'Salford', 'M'],
      ['E08000007', 'Stockport', 'SK'],
      ['E08000010', 'Wigan', 'WN'],
      ['E08000012', 'Liverpool', 'L'],
      ['E08000014', 'Sefton', 'L'],
      ['E08000015', 'Wirral', 'CH'],
      ['E06000007', 'Warrington', 'WA'],
      ['E06000008', 'Blackburn with Darwen', 'BB'],
      ['E06000009', 'Blackpool', 'FY'],
      ['E06000049', 'Cheshire East', 'CW'],
      ['E06000063', 'Cumberland', 'CA'],
    ],
  },
  {
    name: 'Yorkshire and the Humber',
    funders: [
      'West Yorkshire Combined Authority',
      'South Yorkshire Mayoral Combined Authority',
      'York and North Yorkshire Growth Hub',
    ],
    authorities: [
      ['E08000016', 'Barnsley', 'S'],
      ['E08000017', 'Doncaster', 'DN'],
      ['E08000018', 'Rotherham', 'S'],
      ['E08000019', 'Sheffield', 'S'],
      ['E08000032', 'Bradford', 'BD'],
      ['E08000033', 'Calderdale', 'HX'],
      ['E08000034', 'Kirklees', 'HD'],
      ['E08000035', 'Leeds', 'LS'],
      ['E08000036', 'Wakefield', 'WF'],
      ['E06000010', 'Kingston upon Hull', 'HU'],
      ['E06000014', 'York', 'YO'],
      ['E06000065', 'North Yorkshire', 'HG'],
    ],
  },
  {
    name: 'East Midlands',
    funders: ['East Midlands Combined County Authority', 'D2N2 Growth Hub'],
    authorities: [
      ['E06000015', 'Derby', 'DE'],
      ['E06000016', 'Leicester', 'LE'],
      ['E06000018', 'Nottingham', 'NG'],
      ['E06000017', 'Rutland', 'LE'],
      ['E07000138', 'Lincoln', 'LN'],
    ],
  },
  {
    name: 'West Midlands',
    funders: ['West Midlands Combined Authority', 'Marches Growth Hub'],
    authorities: [
      ['E08000025', 'Birmingham', 'B'],
      ['E08000026', 'Coventry', 'CV'],
      ['E08000027', 'Dudley', 'DY'],
      ['E08000028', 'Sandwell', 'B'],
      ['E08000029', 'Solihull', 'B'],
      ['E08000030', 'Walsall', 'WS'],
      ['E08000031', 'Wolverhampton', 'WV'],
      ['E06000019', 'Herefordshire', 'HR'],
      ['E06000020', 'Telford and Wrekin', 'TF'],
      ['E06000021', 'Stoke-on-Trent', 'ST'],
      ['E06000051', 'Shropshire', 'SY'],
    ],
  },
  {
    name: 'East of England',
    funders: ['Cambridgeshire and Peterborough Combined Authority', 'New Anglia Growth Hub'],
    authorities: [
      ['E06000031', 'Peterborough', 'PE'],
      ['E06000032', 'Luton', 'LU'],
      ['E06000033', 'Southend-on-Sea', 'SS'],
      ['E06000055', 'Bedford', 'MK'],
      ['E07000008', 'Cambridge', 'CB'],
      ['E07000148', 'Norwich', 'NR'],
      ['E07000202', 'Ipswich', 'IP'],
      ['E07000070', 'Chelmsford', 'CM'],
      ['E07000071', 'Colchester', 'CO'],
    ],
  },
  {
    name: 'London',
    funders: ['Greater London Authority', 'London Growth Hub'],
    authorities: [
      ['E09000001', 'City of London', 'EC'],
      ['E09000007', 'Camden', 'NW'],
      ['E09000012', 'Hackney', 'E'],
      ['E09000019', 'Islington', 'N'],
      ['E09000022', 'Lambeth', 'SE'],
      ['E09000025', 'Newham', 'E'],
      ['E09000028', 'Southwark', 'SE'],
      ['E09000030', 'Tower Hamlets', 'E'],
      ['E09000033', 'Westminster', 'W'],
      ['E09000008', 'Croydon', 'CR'],
      ['E09000005', 'Brent', 'NW'],
      ['E09000009', 'Ealing', 'W'],
      ['E09000003', 'Barnet', 'N'],
      ['E09000032', 'Wandsworth', 'SW'],
    ],
  },
  {
    name: 'South East',
    funders: ['South East Business Hub', 'Enterprise M3 Growth Hub'],
    authorities: [
      ['E06000038', 'Reading', 'RG'],
      ['E06000039', 'Slough', 'SL'],
      ['E06000042', 'Milton Keynes', 'MK'],
      ['E06000043', 'Brighton and Hove', 'BN'],
      ['E06000044', 'Portsmouth', 'PO'],
      ['E06000045', 'Southampton', 'SO'],
      ['E06000035', 'Medway', 'ME'],
      ['E06000060', 'Buckinghamshire', 'HP'],
      ['E07000178', 'Oxford', 'OX'],
      ['E07000106', 'Canterbury', 'CT'],
      ['E06000046', 'Isle of Wight', 'PO'],
    ],
  },
  {
    name: 'South West',
    funders: ['West of England Combined Authority', 'Heart of the South West Growth Hub'],
    authorities: [
      ['E06000023', 'Bristol', 'BS'],
      ['E06000022', 'Bath and North East Somerset', 'BA'],
      ['E06000026', 'Plymouth', 'PL'],
      ['E06000027', 'Torbay', 'TQ'],
      ['E06000030', 'Swindon', 'SN'],
      ['E06000052', 'Cornwall', 'TR'],
      ['E06000054', 'Wiltshire', 'SN'],
      ['E06000058', 'Bournemouth, Christchurch and Poole', 'BH'],
      ['E06000059', 'Dorset', 'DT'],
      ['E06000066', 'Somerset', 'TA'],
      ['E07000041', 'Exeter', 'EX'],
      ['E07000078', 'Cheltenham', 'GL'],
    ],
  },
  {
    name: 'Wales',
    funders: ['Business Wales', 'Cardiff Capital Region'],
    authorities: [
      ['W06000001', 'Isle of Anglesey', 'LL'],
      ['W06000002', 'Gwynedd', 'LL'],
      ['W06000003', 'Conwy', 'LL'],
      ['W06000005', 'Flintshire', 'CH'],
      ['W06000006', 'Wrexham', 'LL'],
      ['W06000008', 'Ceredigion', 'SY'],
      ['W06000009', 'Pembrokeshire', 'SA'],
      ['W06000010', 'Carmarthenshire', 'SA'],
      ['W06000011', 'Swansea', 'SA'],
      ['W06000015', 'Cardiff', 'CF'],
      ['W06000016', 'Rhondda Cynon Taf', 'CF'],
      ['W06000022', 'Newport', 'NP'],
      ['W06000023', 'Powys', 'LD'],
    ],
  },
  {
    name: 'Scotland',
    funders: ['Scottish Enterprise', 'Highlands and Islands Enterprise', 'South of Scotland Enterprise'],
    authorities: [
      ['S12000017', 'Highland', 'IV'],
      ['S12000036', 'City of Edinburgh', 'EH'],
      ['S12000049', 'Glasgow City', 'G'],
      ['S12000041', 'Angus', 'DD'],
      ['S12000042', 'Dundee City', 'DD'],
      ['S12000033', 'Aberdeen City', 'AB'],
      ['S12000034', 'Aberdeenshire', 'AB'],
      ['S12000048', 'Perth and Kinross', 'PH'],
      ['S12000047', 'Fife', 'KY'],
      ['S12000030', 'Stirling', 'FK'],
      ['S12000006', 'Dumfries and Galloway', 'DG'],
      ['S12000026', 'Scottish Borders', 'TD'],
      ['S12000029', 'South Lanarkshire', 'ML'],
      ['S12000040', 'West Lothian', 'EH'],
      ['S12000035', 'Argyll and Bute', 'PA'],
    ],
  },
  {
    name: 'Northern Ireland',
    funders: ['Invest Northern Ireland', 'Belfast City Council'],
    authorities: [
      ['N09000003', 'Belfast', 'BT'],
      ['N09000001', 'Antrim and Newtownabbey', 'BT'],
      ['N09000002', 'Armagh City, Banbridge and Craigavon', 'BT'],
      ['N09000005', 'Derry City and Strabane', 'BT'],
      ['N09000007', 'Lisburn and Castlereagh', 'BT'],
      ['N09000010', 'Newry, Mourne and Down', 'BT'],
      ['N09000011', 'Ards and North Down', 'BT'],
    ],
  },
];

/** Programme brands; a programme is "<brand> <area>". */
export const PROGRAMME_BRANDS = [
  'Peer Works',
  'Growth Peers',
  'Digital Leaders Network',
  'Productivity Circles',
  'Owner Forums',
  'Made Smarter Peers',
];

/**
 * A few programmes run in another zone: cross-border and export networks whose facilitators and sessions follow the
 * partner's clock, with UK firms still.
 */
export const OTHER_ZONES: [string, string][] = [
  ['Europe/Dublin', 'Cross-Border Peer Exchange'],
  ['Europe/Paris', 'Exporters to Europe Peer Network'],
  ['America/New_York', 'Transatlantic Founders Circle'],
];
