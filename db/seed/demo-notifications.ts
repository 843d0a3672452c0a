import { demoWorkOrderId } from "./demo-history";
import { demoIds } from "./demo-people";

/** A first morning's worth of notifications for the demo teams and residents (request bodies, as a service would send). */
export function demoNotifications(userIdByName: Map<string, string>): Record<string, unknown>[] {
  return [
    {
      notificationType: "Screen",
      category: "estimateApproval",
      message: "Estimate E-1042 for communal repairs at 1 Mare Street (£1,240.00) is ready to approve",
      targetType: "tenure",
      targetId: demoIds.rosaTenure,
    },
    {
      notificationType: "Screen",
      category: "missedServiceCharge",
      message: "3 missed service charge payments have exceeded the tolerance period",
      targetType: "tenure",
      targetId: demoIds.tomTenure,
    },
    {
      notificationType: "Screen",
      category: "workOrderVariation",
      message: "Work order variation: kitchen tap replacement needs an extra £85",
      targetType: "workOrder",
      targetId: demoWorkOrderId,
    },
    {
      notificationType: "Screen",
      category: "visitDue",
      message: "A gas safety visit is booked for Thursday between 8am and 12pm",
      recipient: { userId: userIdByName.get("Rosa Alvarez") },
      targetType: "tenure",
      targetId: demoIds.rosaTenure,
    },
    {
      notificationType: "Screen",
      category: "satisfactionSurvey",
      message: "Tell us how your kitchen tap repair went",
      recipient: { userId: userIdByName.get("Rosa Alvarez") },
      targetType: "workOrder",
      targetId: demoWorkOrderId,
      actionUrl: "https://surveys.council.example/repairs",
    },
  ];
}
