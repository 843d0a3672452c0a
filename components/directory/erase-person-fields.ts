/** The erase page's confirmation checkbox, shared by its form and its action (the error summary links to it). */
export const understoodFieldId = "erase-understood";
