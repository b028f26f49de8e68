// ECharts with only the pieces the app draws (bars, pies, the county schematic graph), on canvas.
import { BarChart, GraphChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  PieChart,
  GraphChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type Chart = echarts.ECharts;

/** A chart in `el`; resized with the window, disposed by the returned function. */
export function chart(
  el: HTMLElement,
  option: echarts.EChartsCoreOption,
): { chart: Chart; dispose: () => void } {
  const c = echarts.init(el, undefined, { renderer: "canvas" });
  c.setOption(option);
  const onResize = () => c.resize();
  window.addEventListener("resize", onResize);
  return {
    chart: c,
    dispose: () => {
      window.removeEventListener("resize", onResize);
      c.dispose();
    },
  };
}
