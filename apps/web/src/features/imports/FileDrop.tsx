// Choosing the file: a labelled file input (keyboard and screen readers) inside a
// zone that also takes a file dropped on it. Only .csv and .xlsx are taken.
import { useId, useState, type DragEvent } from "react";
import { useI18n } from "../../app/i18n/I18nProvider.js";
import { formatCount } from "./imports-format.js";

const ACCEPTED = /\.(csv|xlsx)$/i;

export interface FileDropProps {
  readonly file: File | null;
  readonly onChange: (file: File | null) => void;
  readonly disabled?: boolean;
}

/** "12.3 KB", "4.5 MB": the file's size to one decimal. */
export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function FileDrop({ file, onChange, disabled = false }: FileDropProps) {
  const { t } = useI18n();
  const inputId = useId();
  const hintId = useId();
  const [dragging, setDragging] = useState(false);
  const [wrongType, setWrongType] = useState(false);

  function take(chosen: File | null | undefined) {
    if (!chosen) return;
    if (!ACCEPTED.test(chosen.name)) {
      setWrongType(true);
      return;
    }
    setWrongType(false);
    onChange(chosen);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (!disabled) take(event.dataTransfer.files[0]);
  }

  return (
    <div
      className={`imports-drop${dragging ? " imports-drop--over" : ""}`}
      data-testid="file-drop"
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <label htmlFor={inputId}>{t("imports.file")}</label>
      <input
        id={inputId}
        type="file"
        name="file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={disabled}
        aria-describedby={hintId}
        aria-invalid={wrongType ? true : undefined}
        onClick={(event) => {
          // Choosing the same file again (after fixing it) must fire change again.
          event.currentTarget.value = "";
        }}
        onChange={(event) => take(event.target.files?.[0])}
      />
      <p id={hintId} className="form__hint">
        {file ? t("imports.fileChosen", { name: file.name, size: fileSizeText(file.size) }) : t("imports.fileDrop")}
      </p>
      {wrongType ? (
        <p className="error-text form__error" role="alert">
          {t("imports.fileWrongType")}
        </p>
      ) : null}
    </div>
  );
}
