import type { Role } from "@/db/schema";

/** Fixed ids so demo links, tests and seeded history line up across installs. */
export const demoIds = {
  rosaPerson: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a01",
  rosaTenure: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0b01",
  rosaProperty: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0c01",
  tomPerson: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a02",
  tomTenure: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0b02",
  tomProperty: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0c02",
  // The block both flats are in: `residentsOf: { propertyId }` for a communal lift or boiler outage.
  blockProperty: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0c10",
} as const;

export const demoTeams = [
  { key: "finance", name: "Finance", managerRole: "finance-manager" },
  { key: "repairs", name: "Repairs", managerRole: "repairs-manager" },
  { key: "contractors", name: "Repairs contractors" },
  { key: "dlo", name: "Direct Labour Organisation (DLO)" },
  { key: "rcc", name: "Repairs Contact Centre (RCC)" },
  { key: "housing-officers", name: "Housing officers" },
] as const;

type DemoPerson = {
  name: string;
  email: string;
  roles: Role[];
  teams: (typeof demoTeams)[number]["key"][];
  /** The team keys whose escalations reach this person. */
  manages?: (typeof demoTeams)[number]["key"][];
  personId?: string;
  tenureId?: string;
  propertyIds?: string[];
  mobileNumber?: string;
  addressLines?: string[];
  postcode?: string;
  preferredChannel?: "email" | "sms" | "letter";
};

/** At least one person per role, two finance officers (for team items) and two residents. */
export const demoPeople: DemoPerson[] = [
  { name: "Fiona Finch", email: "fiona.finch@council.example", roles: ["finance-officer"], teams: ["finance"] },
  { name: "Farid Khan", email: "farid.khan@council.example", roles: ["finance-officer"], teams: ["finance"] },
  {
    name: "Grace Mensah",
    email: "grace.mensah@council.example",
    roles: ["finance-manager"],
    teams: ["finance"],
    manages: ["finance"],
  },
  {
    name: "Rob Hughes",
    email: "rob.hughes@council.example",
    roles: ["repairs-manager"],
    teams: ["repairs"],
    manages: ["repairs"],
  },
  { name: "Carl Dyer", email: "carl.dyer@contractor.example", roles: ["repairs-contractor"], teams: ["contractors"] },
  { name: "Dee Lowe", email: "dee.lowe@council.example", roles: ["dlo-supervisor"], teams: ["dlo", "repairs"] },
  { name: "Ravi Chandra", email: "ravi.chandra@council.example", roles: ["rcc-supervisor"], teams: ["rcc", "repairs"] },
  { name: "Hana Osei", email: "hana.osei@council.example", roles: ["housing-officer"], teams: ["housing-officers"] },
  { name: "Alex Morgan", email: "alex.morgan@council.example", roles: ["admin"], teams: [] },
  {
    name: "Rosa Alvarez",
    email: "rosa.alvarez@resident.example",
    roles: ["resident"],
    teams: [],
    personId: demoIds.rosaPerson,
    tenureId: demoIds.rosaTenure,
    propertyIds: [demoIds.rosaProperty, demoIds.blockProperty],
    // Ofcom's drama range: never a real person's number.
    mobileNumber: "07700900101",
    addressLines: ["Flat 3, Alder House", "12 Mare Street", "London"],
    postcode: "E8 4RP",
    preferredChannel: "email",
  },
  {
    name: "Tom Baker",
    email: "tom.baker@resident.example",
    roles: ["resident"],
    teams: [],
    personId: demoIds.tomPerson,
    tenureId: demoIds.tomTenure,
    propertyIds: [demoIds.tomProperty, demoIds.blockProperty],
    mobileNumber: "07700900102",
    addressLines: ["Flat 7, Alder House", "12 Mare Street", "London"],
    postcode: "E8 4RP",
    preferredChannel: "letter",
  },
];
