// The Finance page's download: one at a time, with progress, cancel and the outcome.
import { useCallback, useEffect, useRef, useState } from "react";
import { downloadExport, ExportDownloadError, saveBlob, type ExportFileFormat } from "./export-download.js";

export type DownloadState =
  | { readonly phase: "idle" }
  | { readonly phase: "running"; readonly format: ExportFileFormat; readonly bytes: number; readonly lines: number | null }
  | { readonly phase: "done"; readonly fileName: string; readonly bytes: number; readonly lines: number | null }
  | { readonly phase: "cancelled" }
  | { readonly phase: "failed"; readonly error: ExportDownloadError };

export function useExportDownload(save: (blob: Blob, fileName: string) => void = saveBlob) {
  const [state, setState] = useState<DownloadState>({ phase: "idle" });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    async (url: string, format: ExportFileFormat) => {
      controller.current?.abort();
      const own = new AbortController();
      controller.current = own;
      setState({ phase: "running", format, bytes: 0, lines: format === "csv" ? 0 : null });
      try {
        const file = await downloadExport(url, format, {
          signal: own.signal,
          onProgress: ({ bytes, lines }) => {
            if (!own.signal.aborted) setState({ phase: "running", format, bytes, lines });
          },
        });
        if (own.signal.aborted) return;
        save(file.blob, file.fileName);
        setState({ phase: "done", fileName: file.fileName, bytes: file.bytes, lines: file.lines });
      } catch (error) {
        if (own.signal.aborted) setState({ phase: "cancelled" });
        else
          setState({
            phase: "failed",
            error: error instanceof ExportDownloadError ? error : new ExportDownloadError(null, null, null),
          });
      } finally {
        if (controller.current === own) controller.current = null;
      }
    },
    [save],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  const reset = useCallback(() => setState({ phase: "idle" }), []);
  return { state, start, cancel, reset };
}
