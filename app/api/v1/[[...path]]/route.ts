import { NotFoundError } from "@/lib/errors";
import { endpoint, route } from "@/lib/http/route";

/** Any /api/v1 path no route file serves: 404 with the contract's error body (JSON, never the HTML page). */
const unknownPath = route({ name: "unknown" }, async () => {
  throw new NotFoundError("There is no such API endpoint. The endpoints are listed in /api/v1/openapi.json.");
});

export const { GET, POST, PUT, PATCH, DELETE } = endpoint("/api/v1/{path}", {
  GET: unknownPath,
  POST: unknownPath,
  PUT: unknownPath,
  PATCH: unknownPath,
  DELETE: unknownPath,
});
export const OPTIONS = unknownPath;
