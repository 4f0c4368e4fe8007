// Charts next to each other in one output (Vega-Lite hconcat), e.g. a post's two
// subplots: learning rate 0.01 on the left, 0.0001 on the right.
import type { TopLevelSpec } from "vega-lite";
import { Chart, VEGA_LITE_SCHEMA } from "./chart";
import { themeConfig } from "./theme";

export interface SideBySideOptions {
  title?: string;
  /** Pixels between the charts (default 30). */
  spacing?: number;
}

export function sideBySide(charts: readonly Chart[], options: SideBySideOptions = {}): Chart {
  if (charts.length === 0) throw new Error("sideBySide: no charts");
  // Each part keeps its own title, size, data and scales; schema and theme live at the top.
  const parts = charts.map((c) => {
    const { $schema: _schema, config: _config, ...rest } = c.spec as unknown as Record<string, unknown>;
    return rest;
  });
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    ...(options.title === undefined ? {} : { title: options.title }),
    config: themeConfig(),
    spacing: options.spacing ?? 30,
    hconcat: parts,
    resolve: { scale: { color: "independent", shape: "independent", strokeDash: "independent" } },
  } as unknown as TopLevelSpec;
  return new Chart(spec, {
    kind: "charts side by side",
    title: options.title,
    summary: charts.map((c) => c.description).join(" | "),
    notes: charts.flatMap((c) => c.info.notes),
  });
}
