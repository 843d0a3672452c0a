import { withAuth } from "@/lib/api/with-auth";
import { getVisibleDocumentOrThrow } from "@/lib/documents/get-visible-document";

export const dynamic = "force-dynamic";

// GET /api/v1/documents/{uid} – a stored document (a letter's PDF) for someone who may see its notification
export const GET = withAuth<{ uid: string }>(
  async ({ params, caller, db }) => {
    const document = await getVisibleDocumentOrThrow(db, caller, params.uid);
    const filename = document.filename.replace(/[^A-Za-z0-9._-]/g, "_");
    return new Response(new Uint8Array(document.content), {
      headers: {
        "content-type": document.contentType,
        "content-length": String(document.byteSize),
        "content-disposition": `inline; filename="${filename}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
  { scopes: ["notifications:read"] },
);
