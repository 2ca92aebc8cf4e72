// Cycle administration (HQ): open a cycle (PREPARING, the template copied from the standard
// one or a previous cycle, deadlines per level, the checks' settings, a DRAFT plan for every
// active unit), change its settings and deadlines, edit its template, move its status. Only an
// HQ_ADMIN of the top unit (MANAGE_CYCLES asked on the top unit of each of the viewer's
// trees); anyone else gets NOT_FOUND, as for a cycle that does not exist. Each change is one
// transaction with the cycle row locked, the domain's rules (cycle-admin.ts, cycle-config.ts)
// checked inside it, and its audit row.
import type { CycleSettingsValues, CycleTemplateSectionFields, DataAccess, Repositories } from "@pyramid/db";
import {
  canChangeCycleStatus,
  checkConfigFromCycle,
  checkCycleDates,
  checkTemplate,
  checkTemplateSection,
  CYCLE_CODE_PATTERN,
  DEFAULT_CYCLE_SETTINGS,
  isCycleSettingsEditable,
  isoDateOf,
  isTemplateEditable,
  ORG_LEVELS,
  STANDARD_PLAN_TEMPLATE,
  type OrgLevel,
} from "@pyramid/domain";
import { z } from "zod";
import { notFound, requireViewer } from "../../access-guard.js";
import { DomainError } from "../../errors.js";
import type { RequestInfo } from "../../http/request-session.js";
import type { Viewer } from "../../viewer.js";
import { parseArgs } from "../plans/plans.inputs.js";
import { planCycleDtoOf, viewerSeesCycle, type PlanCycleDto } from "./cycles.service.js";

const day = z.string().trim().max(10);
const name = z.string().trim().min(1).max(100);
const deadlines = z.array(z.object({ level: z.enum(ORG_LEVELS), dueOn: day })).max(ORG_LEVELS.length);
const settingsInput = z.object({
  growthBandMin: z.string().trim().max(20),
  growthBandMax: z.string().trim().max(20),
  implausibleFactor: z.string().trim().max(20),
  minTerminalRank: z.number().int().min(0).max(100),
  checkConfig: z.string().max(10_000).nullish(),
});
const sectionInput = z.object({
  code: z.string().trim().max(40),
  part: z.enum(["ENVIRONMENT", "GOALS", "METHODS"]),
  titleZh: z.string().trim().max(200),
  titleEn: z.string().trim().max(200),
  guidanceZh: z.string().trim().max(4_000).nullish(),
  guidanceEn: z.string().trim().max(4_000).nullish(),
  required: z.boolean(),
});
const cycleId = z.string().trim().min(1).max(100);

const openInput = z.object({
  code: z.string().trim().min(1).max(32),
  year: z.number().int().min(2000).max(2999),
  nameZh: name,
  nameEn: name,
  opensOn: day,
  closesOn: day,
  template: z.enum(["STANDARD", "PREVIOUS_CYCLE"]),
  copyFromCycleId: cycleId.nullish(),
  deadlines,
  settings: settingsInput.nullish(),
});
const updateInput = z.object({
  cycleId,
  nameZh: name.nullish(),
  nameEn: name.nullish(),
  opensOn: day.nullish(),
  closesOn: day.nullish(),
  settings: settingsInput.nullish(),
  deadlines: deadlines.nullish(),
});
const addSectionInput = z.object({ cycleId, section: sectionInput, position: z.number().int().min(1).max(1_000).nullish() });
const updateSectionInput = z.object({ cycleId, section: sectionInput });
const removeSectionInput = z.object({ cycleId, code: z.string().trim().min(1).max(40) });
const reorderInput = z.object({ cycleId, codes: z.array(z.string().trim().min(1).max(40)).max(200) });
const statusInput = z.object({ cycleId, status: z.enum(["PREPARING", "OPEN", "CONSOLIDATING", "APPROVED", "CLOSED"]) });

function refuse(reason: string, message: string, params: Record<string, string | number> = {}): DomainError {
  return new DomainError("VALIDATION_FAILED", message, { reason, params });
}

const dateOf = (isoDay: string) => new Date(`${isoDay}T00:00:00.000Z`);

/** The settings as stored, checked by the one rule (checkConfigFromCycle), or VALIDATION_FAILED naming the problem. */
function checkedSettings(
  input: z.infer<typeof settingsInput> | null | undefined,
  terminalClasses: { code: string; rank: number }[],
) {
  let checkConfig: unknown = {};
  if (input?.checkConfig != null && input.checkConfig.trim() !== "") {
    try {
      checkConfig = JSON.parse(input.checkConfig);
    } catch {
      throw refuse("CHECK_CONFIG_NOT_JSON", "The check configuration is not JSON.");
    }
  }
  const settings = {
    growthBandMin: input?.growthBandMin ?? DEFAULT_CYCLE_SETTINGS.growthBandMin,
    growthBandMax: input?.growthBandMax ?? DEFAULT_CYCLE_SETTINGS.growthBandMax,
    implausibleFactor: input?.implausibleFactor ?? DEFAULT_CYCLE_SETTINGS.implausibleFactor,
    minTerminalRank: input?.minTerminalRank ?? DEFAULT_CYCLE_SETTINGS.minTerminalRank,
    checkConfig,
  };
  const result = checkConfigFromCycle(settings, terminalClasses);
  if (!result.ok) {
    const problem = result.problems[0]!;
    const params = Object.fromEntries(
      Object.entries(problem)
        .filter(([key]) => key !== "code")
        .map(([key, value]) => [key, String(value)]),
    );
    throw refuse(problem.code, `The cycle's settings are not valid: ${problem.code}.`, params);
  }
  return settings as CycleSettingsValues;
}

function datesProblem(opensOn: string, closesOn: string, list: readonly { level: OrgLevel; dueOn: string }[]): void {
  const problem = checkCycleDates(opensOn, closesOn, list);
  if (problem !== null) {
    const params = Object.fromEntries(
      Object.entries(problem)
        .filter(([key]) => key !== "code")
        .map(([key, value]) => [key, String(value)]),
    );
    throw refuse(problem.code, `The cycle's dates are not valid: ${problem.code}.`, params);
  }
}

function sectionProblem(problem: ReturnType<typeof checkTemplateSection>): void {
  if (problem !== null) {
    const params = Object.fromEntries(
      Object.entries(problem)
        .filter(([key]) => key !== "code")
        .map(([key, value]) => [key, String(value)]),
    );
    throw refuse(problem.code, `The template section is not valid: ${problem.code}.`, params);
  }
}

const sectionFields = (section: z.infer<typeof sectionInput>): CycleTemplateSectionFields => ({
  code: section.code,
  part: section.part,
  titleZh: section.titleZh,
  titleEn: section.titleEn,
  guidanceZh: section.guidanceZh ?? null,
  guidanceEn: section.guidanceEn ?? null,
  required: section.required,
});

export class CycleAdminService {
  constructor(private readonly dependencies: { readonly dataAccess: DataAccess }) {}

  /** MANAGE_CYCLES on the top unit of one of the viewer's trees, or NOT_FOUND (as for a cycle that does not exist). */
  private requireAdmin(viewer: Viewer, asked: string): void {
    if (!viewerSeesCycle(viewer, "PREPARING")) throw notFound({ entity: "CYCLE", id: asked });
  }

  /** The cycle locked for the change, or NOT_FOUND. */
  private async lock(repositories: Repositories, id: string) {
    const cycle = await repositories.cycleAdmin.lockCycle(id);
    if (!cycle) throw notFound({ entity: "CYCLE", id });
    return cycle;
  }

  private async dto(repositories: Repositories, id: string): Promise<PlanCycleDto> {
    const listing = await repositories.planCycles.findListing(id);
    if (!listing) throw notFound({ entity: "CYCLE", id });
    return planCycleDtoOf(listing);
  }

  async openCycle(
    viewer: Viewer | null,
    args: unknown,
    request: RequestInfo,
  ): Promise<{ cycle: PlanCycleDto; plansCreated: number }> {
    const signedIn = requireViewer(viewer);
    const input = parseArgs(openInput, args);
    this.requireAdmin(signedIn, input.code);
    if (!CYCLE_CODE_PATTERN.test(input.code))
      throw refuse("BAD_CYCLE_CODE", "A cycle code is capitals, digits, - and _.", { code: input.code });
    datesProblem(input.opensOn, input.closesOn, input.deadlines);
    return this.dependencies.dataAccess.inTransaction(async (repositories) => {
      if (await repositories.cycleAdmin.findByCode(input.code)) {
        throw new DomainError("CONFLICT", "A cycle with this code exists.", {
          reason: "CYCLE_CODE_TAKEN",
          params: { code: input.code },
        });
      }
      const terminalClasses = await repositories.review.terminalClasses();
      const settings = checkedSettings(input.settings, terminalClasses);
      let sections: CycleTemplateSectionFields[];
      let copiedFrom: string | null = null;
      if (input.template === "STANDARD") {
        sections = STANDARD_PLAN_TEMPLATE.map((section) => ({ ...section }));
      } else {
        const source = input.copyFromCycleId ?? (await repositories.cycleAdmin.previousCycle(input.year))?.id ?? null;
        if (source === null) throw refuse("NO_PREVIOUS_CYCLE", "There is no earlier cycle to copy the template from.");
        if (!(await repositories.planCycles.findById(source))) throw notFound({ entity: "CYCLE", id: source });
        sections = (await repositories.cycleAdmin.sections(source)).map(({ id: _id, sortOrder: _order, ...fields }) => fields);
        copiedFrom = source;
      }
      sectionProblem(checkTemplate(sections));
      const id = await repositories.cycleAdmin.create({
        code: input.code,
        year: input.year,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        opensOn: dateOf(input.opensOn),
        closesOn: dateOf(input.closesOn),
        settings,
        createdById: signedIn.userId,
        sections,
        deadlines: input.deadlines.map(({ level, dueOn }) => ({ level, dueOn: dateOf(dueOn) })),
      });
      const plansCreated = await repositories.cycleAdmin.createDraftPlans(id);
      await repositories.audit.append({
        actorId: signedIn.userId,
        entity: "PlanCycle",
        entityId: id,
        action: "CYCLE_OPENED",
        after: {
          code: input.code,
          year: input.year,
          opensOn: input.opensOn,
          closesOn: input.closesOn,
          template: input.template,
          copiedFrom,
          sections: sections.length,
          deadlines: input.deadlines.map(({ level, dueOn }) => `${level}:${dueOn}`),
          settings: { ...settings, checkConfig: JSON.stringify(settings.checkConfig) },
          plansCreated,
        },
        requestId: request.requestId,
        sessionId: signedIn.sessionId ?? null,
      });
      return { cycle: await this.dto(repositories, id), plansCreated };
    });
  }

  async updateCycle(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<{ cycle: PlanCycleDto }> {
    const signedIn = requireViewer(viewer);
    const input = parseArgs(updateInput, args);
    this.requireAdmin(signedIn, input.cycleId);
    return this.dependencies.dataAccess.inTransaction(async (repositories) => {
      const cycle = await this.lock(repositories, input.cycleId);
      if (!isCycleSettingsEditable(cycle.status)) throw refuse("CYCLE_CLOSED", "A closed cycle is kept as it was.");
      const before = await this.dto(repositories, cycle.id);
      const beforeSettings = await repositories.planCycles.findSettings(cycle.id);
      const opensOn = input.opensOn ?? isoDateOf(cycle.opensOn);
      const closesOn = input.closesOn ?? isoDateOf(cycle.closesOn);
      const deadlineList = input.deadlines ?? before.deadlines;
      datesProblem(opensOn, closesOn, deadlineList);
      const settings =
        input.settings == null ? undefined : checkedSettings(input.settings, await repositories.review.terminalClasses());
      await repositories.cycleAdmin.update(cycle.id, {
        ...(input.nameZh == null ? {} : { nameZh: input.nameZh }),
        ...(input.nameEn == null ? {} : { nameEn: input.nameEn }),
        ...(input.opensOn == null ? {} : { opensOn: dateOf(input.opensOn) }),
        ...(input.closesOn == null ? {} : { closesOn: dateOf(input.closesOn) }),
        ...(settings === undefined ? {} : { settings }),
      });
      if (input.deadlines != null) {
        await repositories.cycleAdmin.replaceDeadlines(
          cycle.id,
          input.deadlines.map(({ level, dueOn }) => ({ level, dueOn: dateOf(dueOn) })),
        );
      }
      const after = await this.dto(repositories, cycle.id);
      await repositories.audit.append({
        actorId: signedIn.userId,
        entity: "PlanCycle",
        entityId: cycle.id,
        action: "CYCLE_UPDATED",
        before: {
          nameZh: before.nameZh,
          nameEn: before.nameEn,
          opensOn: before.opensOn,
          closesOn: before.closesOn,
          deadlines: before.deadlines.map(({ level, dueOn }) => `${level}:${dueOn}`),
          settings:
            beforeSettings === null ? null : { ...beforeSettings, checkConfig: JSON.stringify(beforeSettings.checkConfig) },
        },
        after: {
          nameZh: after.nameZh,
          nameEn: after.nameEn,
          opensOn: after.opensOn,
          closesOn: after.closesOn,
          deadlines: after.deadlines.map(({ level, dueOn }) => `${level}:${dueOn}`),
          settings: settings === undefined ? null : { ...settings, checkConfig: JSON.stringify(settings.checkConfig) },
        },
        requestId: request.requestId,
        sessionId: signedIn.sessionId ?? null,
      });
      return { cycle: after };
    });
  }

  /** Template edits share the checks: admin, the cycle locked and PREPARING or OPEN. */
  private editTemplate(
    viewer: Viewer | null,
    id: string,
    request: RequestInfo,
    change: (repositories: Repositories, cycleId: string) => Promise<{ action: string; before?: object; after?: object }>,
  ): Promise<{ cycle: PlanCycleDto }> {
    const signedIn = requireViewer(viewer);
    this.requireAdmin(signedIn, id);
    return this.dependencies.dataAccess.inTransaction(async (repositories) => {
      const cycle = await this.lock(repositories, id);
      if (!isTemplateEditable(cycle.status)) {
        throw refuse("TEMPLATE_LOCKED", "The template may change only while the cycle is being prepared or open.", {
          status: cycle.status,
        });
      }
      const { action, before, after } = await change(repositories, cycle.id);
      await repositories.audit.append({
        actorId: signedIn.userId,
        entity: "PlanCycle",
        entityId: cycle.id,
        action,
        ...(before === undefined ? {} : { before: before as never }),
        ...(after === undefined ? {} : { after: after as never }),
        requestId: request.requestId,
        sessionId: signedIn.sessionId ?? null,
      });
      return { cycle: await this.dto(repositories, cycle.id) };
    });
  }

  addTemplateSection(viewer: Viewer | null, args: unknown, request: RequestInfo) {
    const input = parseArgs(addSectionInput, args);
    const fields = sectionFields(input.section);
    sectionProblem(checkTemplateSection(fields));
    return this.editTemplate(viewer, input.cycleId, request, async (repositories, id) => {
      const sections = await repositories.cycleAdmin.sections(id);
      const all = [...sections.map(({ id: _id, sortOrder: _order, ...rest }) => rest), fields];
      sectionProblem(checkTemplate(all));
      const position = Math.min(input.position ?? sections.length + 1, sections.length + 1);
      const codes = sections.map((section) => section.code);
      codes.splice(position - 1, 0, fields.code);
      await repositories.cycleAdmin.createSection(id, fields, position);
      await repositories.cycleAdmin.setSectionOrder(id, codes);
      return { action: "TEMPLATE_SECTION_ADDED", after: { ...fields, position } };
    });
  }

  updateTemplateSection(viewer: Viewer | null, args: unknown, request: RequestInfo) {
    const input = parseArgs(updateSectionInput, args);
    const fields = sectionFields(input.section);
    sectionProblem(checkTemplateSection(fields));
    return this.editTemplate(viewer, input.cycleId, request, async (repositories, id) => {
      const existing = (await repositories.cycleAdmin.sections(id)).find((section) => section.code === fields.code);
      if (!existing) throw refuse("UNKNOWN_SECTION", "The template has no such section.", { code: fields.code });
      await repositories.cycleAdmin.updateSection(id, fields.code, fields);
      const { id: _id, sortOrder: _order, ...before } = existing;
      return { action: "TEMPLATE_SECTION_UPDATED", before, after: fields };
    });
  }

  removeTemplateSection(viewer: Viewer | null, args: unknown, request: RequestInfo) {
    const input = parseArgs(removeSectionInput, args);
    return this.editTemplate(viewer, input.cycleId, request, async (repositories, id) => {
      const sections = await repositories.cycleAdmin.sections(id);
      const existing = sections.find((section) => section.code === input.code);
      if (!existing) throw refuse("UNKNOWN_SECTION", "The template has no such section.", { code: input.code });
      const withText = (await repositories.cycleAdmin.plansWithText(id)).get(input.code) ?? 0;
      if (withText > 0) {
        throw refuse("SECTION_HAS_TEXT", "Plans hold text in this section: it cannot be removed.", {
          code: input.code,
          plans: withText,
        });
      }
      await repositories.cycleAdmin.deleteSection(id, input.code);
      await repositories.cycleAdmin.setSectionOrder(
        id,
        sections.filter((section) => section.code !== input.code).map((section) => section.code),
      );
      const { id: _id, ...before } = existing;
      return { action: "TEMPLATE_SECTION_REMOVED", before };
    });
  }

  reorderTemplateSections(viewer: Viewer | null, args: unknown, request: RequestInfo) {
    const input = parseArgs(reorderInput, args);
    return this.editTemplate(viewer, input.cycleId, request, async (repositories, id) => {
      const sections = await repositories.cycleAdmin.sections(id);
      const current = sections.map((section) => section.code);
      const given = new Set(input.codes);
      if (
        given.size !== input.codes.length ||
        input.codes.length !== current.length ||
        current.some((code) => !given.has(code))
      ) {
        throw refuse("REORDER_NOT_A_PERMUTATION", "List every section of the template once.", { sections: current.length });
      }
      await repositories.cycleAdmin.setSectionOrder(id, input.codes);
      return { action: "TEMPLATE_SECTIONS_REORDERED", before: { codes: current }, after: { codes: input.codes } };
    });
  }

  async setCycleStatus(viewer: Viewer | null, args: unknown, request: RequestInfo): Promise<{ cycle: PlanCycleDto }> {
    const signedIn = requireViewer(viewer);
    const input = parseArgs(statusInput, args);
    this.requireAdmin(signedIn, input.cycleId);
    return this.dependencies.dataAccess.inTransaction(async (repositories) => {
      const cycle = await this.lock(repositories, input.cycleId);
      if (!canChangeCycleStatus(cycle.status, input.status)) {
        throw new DomainError("INVALID_TRANSITION", `A cycle does not go from ${cycle.status} to ${input.status}.`, {
          reason: "CYCLE_STATUS_STEP",
          params: { from: cycle.status, to: input.status },
        });
      }
      await repositories.cycleAdmin.setStatus(cycle.id, input.status);
      await repositories.audit.append({
        actorId: signedIn.userId,
        entity: "PlanCycle",
        entityId: cycle.id,
        action: "CYCLE_STATUS_CHANGED",
        before: { status: cycle.status },
        after: { status: input.status },
        requestId: request.requestId,
        sessionId: signedIn.sessionId ?? null,
      });
      return { cycle: await this.dto(repositories, cycle.id) };
    });
  }

  // ------------------------------------------------------------------ PlanCycle's admin fields

  async settings(cycle: PlanCycleDto) {
    const settings = await this.dependencies.dataAccess.repositories.planCycles.findSettings(cycle.id);
    if (!settings) throw notFound({ entity: "CYCLE", id: cycle.id });
    return {
      growthBandMin: settings.growthBandMin,
      growthBandMax: settings.growthBandMax,
      implausibleFactor: settings.implausibleFactor,
      minTerminalRank: settings.minTerminalRank,
      checkConfig: JSON.stringify(settings.checkConfig ?? {}),
    };
  }

  async templateSections(cycle: PlanCycleDto) {
    const { cycleAdmin } = this.dependencies.dataAccess.repositories;
    const sections = await cycleAdmin.sections(cycle.id);
    const withText = await cycleAdmin.plansWithText(cycle.id);
    return sections.map(({ id: _id, ...section }) => ({ ...section, plansWithText: withText.get(section.code) ?? 0 }));
  }

  progress(cycle: PlanCycleDto) {
    return this.dependencies.dataAccess.repositories.cycleAdmin.progress(cycle.id);
  }
}
