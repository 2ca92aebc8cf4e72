import type { ReactNode } from "react";

export interface CardProps {
  readonly title: ReactNode;
  /** Shown at the right of the title row (a badge, a button). */
  readonly aside?: ReactNode;
  readonly role?: "alert" | "status" | "region";
  readonly children: ReactNode;
}

export function Card({ title, aside, role = "region", children }: CardProps) {
  return (
    <section className="card" role={role} aria-label={typeof title === "string" ? title : undefined}>
      <header className="card__header">
        <h2 className="card__title">{title}</h2>
        {aside}
      </header>
      <div className="card__body">{children}</div>
    </section>
  );
}
