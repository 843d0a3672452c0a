import type { ActivityEntry } from "@/lib/activity/record-activity";
import { demoIds } from "./demo-people";

const DAY = 24 * 60 * 60 * 1000;
const officer = { fullName: "Hana Osei", email: "hana.osei@council.example" };
const finance = { fullName: "Income Services", email: "income.services@council.example" };
const repairs = { fullName: "Rob Hughes", email: "rob.hughes@council.example" };

export const demoWorkOrderId = "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0d01";

/** A few months of history for the demo residents' records, so timelines are rich on first run. */
export function demoActivities(now = Date.now()): ActivityEntry[] {
  const at = (daysAgo: number, hour = 10) => new Date(now - daysAgo * DAY + (hour - 10) * 3_600_000);
  const rent = (tenureId: string, daysAgo: number, amount: string, balance: string): ActivityEntry => ({
    targetType: "tenure",
    targetId: tenureId,
    type: "update",
    createdAt: at(daysAgo, 6),
    oldData: null,
    newData: { transactionType: "Rent charged", amount, balance },
    onBehalfOf: finance,
    sourceDomain: "Finance",
  });
  const payment = (tenureId: string, daysAgo: number, amount: string, balance: string): ActivityEntry => ({
    targetType: "tenure",
    targetId: tenureId,
    type: "update",
    createdAt: at(daysAgo, 14),
    oldData: null,
    newData: { transactionType: "Payment received", amount, balance },
    onBehalfOf: finance,
    sourceDomain: "Finance",
  });
  return [
    {
      targetType: "tenure",
      targetId: demoIds.rosaTenure,
      type: "create",
      createdAt: at(120),
      newData: {
        paymentReference: "228003470",
        tenureType: { code: "SEC", description: "Secure" },
        startOfTenureDate: "2019-04-01",
      },
      onBehalfOf: officer,
      sourceDomain: "Tenure",
    },
    {
      targetType: "person",
      targetId: demoIds.rosaPerson,
      type: "update",
      createdAt: at(90),
      oldData: { surname: "Alvares" },
      newData: { surname: "Alvarez" },
      onBehalfOf: officer,
      sourceDomain: "Person",
    },
    {
      targetType: "tenurePerson",
      targetId: demoIds.rosaTenure,
      type: "create",
      createdAt: at(75),
      oldData: { householdMembers: [{ id: demoIds.rosaPerson, fullName: "Rosa Alvarez", type: "HouseholdMember" }] },
      newData: {
        householdMembers: [
          { id: demoIds.rosaPerson, fullName: "Rosa Alvarez", type: "HouseholdMember" },
          {
            id: "6f0b2f4e-3c2a-4d39-9d1e-0a6f6c1e0a11",
            fullName: "Leo Alvarez",
            type: "HouseholdMember",
            dateOfBirth: "2012-04-02",
          },
        ],
      },
      onBehalfOf: officer,
      sourceDomain: "Tenure",
    },
    rent(demoIds.rosaTenure, 63, "£112.40", "£112.40"),
    payment(demoIds.rosaTenure, 60, "£112.40", "£0.00"),
    rent(demoIds.rosaTenure, 35, "£112.40", "£112.40"),
    {
      targetType: "tenure",
      targetId: demoIds.rosaTenure,
      type: "update",
      createdAt: at(30, 11),
      oldData: { balance: "£112.40" },
      newData: { transactionType: "Adjustment: cancelled service charge", amount: "-£8.20", balance: "£104.20" },
      onBehalfOf: finance,
      sourceDomain: "Finance",
    },
    payment(demoIds.rosaTenure, 28, "£104.20", "£0.00"),
    rent(demoIds.rosaTenure, 7, "£112.40", "£112.40"),
    {
      targetType: "workOrder",
      targetId: demoWorkOrderId,
      type: "create",
      createdAt: at(12),
      newData: { description: "Kitchen tap leaking", priority: "Normal", status: "Raised" },
      onBehalfOf: repairs,
      sourceDomain: "Repairs",
    },
    {
      targetType: "workOrder",
      targetId: demoWorkOrderId,
      type: "update",
      createdAt: at(5),
      oldData: { status: "Raised" },
      newData: { status: "Completed", contractor: "Dyer Plumbing" },
      onBehalfOf: repairs,
      sourceDomain: "Repairs",
    },
    {
      targetType: "contactDetails",
      targetId: demoIds.rosaPerson,
      type: "create",
      createdAt: at(50),
      newData: { contactType: "phone", value: "07700 900123" },
      onBehalfOf: officer,
      sourceDomain: "ContactDetails",
    },
    {
      targetType: "tenure",
      targetId: demoIds.tomTenure,
      type: "create",
      createdAt: at(200),
      newData: { paymentReference: "228009911", tenureType: { code: "INT", description: "Introductory" } },
      onBehalfOf: officer,
      sourceDomain: "Tenure",
    },
    rent(demoIds.tomTenure, 7, "£98.75", "£210.50"),
    {
      targetType: "person",
      targetId: demoIds.tomPerson,
      type: "update",
      createdAt: at(20),
      oldData: { preferredFirstName: null },
      newData: { preferredFirstName: "Tommy" },
      onBehalfOf: officer,
      sourceDomain: "Person",
    },
  ];
}
