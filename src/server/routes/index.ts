// Every route of the API, in mount order (fixed paths before parameterised ones).
import type { RouteSpec } from "../route-spec.ts";
import { analysisRoutes } from "./analysis.ts";
import { authRoutes } from "./auth.ts";
import { graphRoutes } from "./graph.ts";
import { healthRoutes } from "./health.ts";
import { historyRoutes } from "./history.ts";
import { ingestRoutes } from "./ingest.ts";
import { outputRoutes } from "./outputs.ts";
import { projectRoutes } from "./projects.ts";
import { reportDocxRoutes } from "./report-docx.ts";
import { reportNoteRoutes } from "./report-notes.ts";
import { resourceRoutes } from "./resources.ts";
import { tokenRoutes } from "./tokens.ts";
import { userRoutes } from "./users.ts";

export const ALL_ROUTES: ReadonlyArray<RouteSpec> = [
  ...healthRoutes,
  ...authRoutes,
  ...tokenRoutes,
  ...userRoutes,
  ...historyRoutes,
  ...analysisRoutes,
  ...outputRoutes,
  ...reportDocxRoutes,
  ...reportNoteRoutes,
  ...projectRoutes,
  ...graphRoutes,
  ...ingestRoutes,
  ...resourceRoutes,
];
