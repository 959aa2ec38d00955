/**
 * The 21 sections of the UK Standard Industrial Classification 2007 (A–U), each a range of two-digit
 * divisions. Local and national business counts (ONS, by local authority) are published by section, so
 * participation is reported by section too.
 */
export const SIC_SECTIONS = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'I',
  'J',
  'K',
  'L',
  'M',
  'N',
  'O',
  'P',
  'Q',
  'R',
  'S',
  'T',
  'U',
] as const;
export type SicSection = (typeof SIC_SECTIONS)[number];

/** Each section's first and last division (UK SIC 2007, ONS). Divisions between ranges (04, 34, 40 …) do not exist. */
export const SIC_SECTION_DIVISIONS: Readonly<Record<SicSection, readonly [number, number]>> = {
  A: [1, 3], // agriculture, forestry and fishing
  B: [5, 9], // mining and quarrying
  C: [10, 33], // manufacturing
  D: [35, 35], // electricity, gas, steam and air conditioning supply
  E: [36, 39], // water supply, sewerage, waste management and remediation
  F: [41, 43], // construction
  G: [45, 47], // wholesale and retail trade, repair of motor vehicles
  H: [49, 53], // transportation and storage
  I: [55, 56], // accommodation and food service
  J: [58, 63], // information and communication
  K: [64, 66], // financial and insurance
  L: [68, 68], // real estate
  M: [69, 75], // professional, scientific and technical
  N: [77, 82], // administrative and support services
  O: [84, 84], // public administration and defence, compulsory social security
  P: [85, 85], // education
  Q: [86, 88], // human health and social work
  R: [90, 93], // arts, entertainment and recreation
  S: [94, 96], // other service activities
  T: [97, 98], // households as employers
  U: [99, 99], // extraterritorial organisations
};

/**
 * The section letter of a five-digit SIC 2007 code ('62012' → 'J'), from its first two digits (the division);
 * null for anything that is not five digits or whose division belongs to no section. The database computes the
 * same with `metrics_sic_section` (migration participation-metrics), and a test holds the two together.
 */
export function sicSection(code: string): SicSection | null {
  if (!/^\d{5}$/.test(code)) return null;
  const division = Number(code.slice(0, 2));
  for (const section of SIC_SECTIONS) {
    const [first, last] = SIC_SECTION_DIVISIONS[section];
    if (division >= first && division <= last) return section;
  }
  return null;
}
