// /api/docs: a readable page listing every operation from the OpenAPI document (no scripts, works offline).
const esc = (s: unknown) =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string }>;
  requestBody?: { content: Record<string, { schema?: { $ref?: string } }> };
  responses: Record<string, { description: string }>;
}

export interface DocsInput {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
}

export function docsPage(doc: DocsInput): string {
  const rows: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<code>${esc(p.name)}</code> <small>(${esc(p.in)}${p.required ? ", required" : ""})</small>${p.description ? ` ${esc(p.description)}` : ""}`,
        )
        .join("<br>");
      const body = op.requestBody?.content["application/json"]?.schema?.$ref?.split("/").pop();
      const answers = Object.entries(op.responses)
        .map(([s, r]) => `<b>${esc(s)}</b> ${esc(r.description)}`)
        .join("<br>");
      rows.push(
        `<tr><td class="m ${esc(method)}">${esc(method.toUpperCase())}</td><td><code>${esc(path)}</code><div>${esc(op.summary)}</div><small>${esc(op.description)}</small></td><td>${params}${body ? `${params ? "<br>" : ""}body: <code>${esc(body)}</code>` : ""}</td><td>${answers}</td></tr>`,
      );
    }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)} ${esc(doc.info.version)}</title>
<style>body{font:14px/1.45 system-ui,"Noto Sans CJK SC",sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px 8px;vertical-align:top;text-align:left}
.m{font-weight:700;font-family:monospace}.get{color:#176}.post{color:#a50}.put{color:#05a}.patch{color:#509}.delete{color:#b00}code{background:#f4f4f4;padding:0 3px}</style></head>
<body><h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1><p>${esc(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are <code>{"error":{"code","message","details":[{"path","message"}]}}</code>.</p>
<table><thead><tr><th></th><th>operation</th><th>parameters</th><th>answers</th></tr></thead><tbody>${rows.join("\n")}</tbody></table></body></html>`;
}
