// The message catalogue: every text the interface shows, in zh-CN (the
// default) and en. zh-CN defines the keys; TypeScript makes en complete, and
// messages.test.ts checks that both say something and use the same {params}.
// i18next (i18n.ts) serves these tables to the app; this file stays plain data.

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  "zh-CN": "中文",
  en: "English",
};

const zhCN = {
  "app.title": "正金字塔营销计划",
  "app.tagline": "自下而上的销售目标与营销费用规划",
  "app.languageSwitch": "界面语言",

  "home.intro.title": "计划周期",
  "home.intro.lead": "营销方案由基层起草、逐级论证、层层把关：每一级审核下级方案，汇总后再向上提交。",
  "home.step.county.title": "县级起草",
  "home.step.county.body": "县级市场部按总部模板编制销售目标与营销费用，提交城市办事处。",
  "home.step.city.title": "城市审核",
  "home.step.city.body": "城市办事处审核各县方案，通过或退回修改，并编写本市区域方案。",
  "home.step.province.title": "省级汇总",
  "home.step.province.body": "省级分公司汇总各城市方案，审核后向营销总部提交。",
  "home.step.hq.title": "总部审批",
  "home.step.hq.body": "营销总部汇总总体营销方案，经会议论证修改直至通过。",

  "status.title": "系统状态",
  "status.loading": "正在检查系统状态…",
  "status.ok": "运行正常",
  "status.databaseUnavailable": "数据库无法连接",
  "status.unknown": "状态未知",
  "status.database": "数据库",
  "status.database.PGLITE": "嵌入式 PostgreSQL（PGlite）",
  "status.database.POSTGRES": "PostgreSQL 服务器",
  "status.migrations": "已执行的数据库迁移",
  "status.migrationsCount": "{count} 个",
  "status.migrationsUnknown": "未知",
  "status.version": "服务器版本",
  "status.serverTime": "服务器时间",
  "status.retry": "重试",

  "error.network": "无法连接服务器，请检查网络或稍后重试。",
  "error.UNAUTHENTICATED": "请先登录。",
  "error.FORBIDDEN": "您的角色无权执行此操作。",
  "error.NOT_FOUND": "未找到所请求的内容。",
  "error.VALIDATION_FAILED": "输入的内容有误，请检查后重试。",
  "error.CONFLICT": "数据已被他人修改，请刷新后重试。",
  "error.INVALID_TRANSITION": "当前状态下不能执行此操作。",
  "error.TOO_MANY_ATTEMPTS": "登录失败次数过多，请稍后再试。",
  "error.DATABASE_UNAVAILABLE": "数据库暂时不可用，请稍后重试。",
  "error.unknown": "出现意外错误，请稍后重试。",

  "errorBoundary.title": "页面出错了",
  "errorBoundary.body": "界面遇到意外错误。重新加载页面通常可以解决。",
  "errorBoundary.reload": "重新加载",

  "nav.tasks": "我的待办",
  "nav.pyramid": "组织金字塔",
  "nav.main": "主导航",
  "header.cycle": "计划周期",
  "header.signedInAs": "当前用户",
  "header.logout": "退出登录",
  "header.noCycles": "暂无计划周期",

  "login.title": "登录",
  "login.login": "登录名",
  "login.password": "密码",
  "login.submit": "登录",
  "login.submitting": "正在登录…",
  "login.failed": "登录名或密码不正确。",
  "login.retryAt": "登录失败次数过多，请于 {time}（北京时间）后再试。",
  "login.expired": "登录已过期，请重新登录。",
  "login.signedOut": "您已退出登录。",

  "page.loading": "正在加载…",
  "page.retry": "重试",
  "page.notFound.title": "未找到页面",
  "page.notFound.body": "该地址不存在，或者不在您的权限范围内。",
  "page.forbidden.title": "无权访问",
  "page.forbidden.body": "该单位不在您的管辖范围内。",
  "page.backHome": "返回我的待办",
  "page.error.title": "加载失败",

  "tasks.title": "我的待办",
  "tasks.empty": "目前没有需要您处理的计划。",
  "tasks.unit": "单位",
  "tasks.task": "待办事项",
  "tasks.status": "状态",
  "tasks.dueOn": "截止日期",
  "tasks.overdue": "已逾期",
  "tasks.kind.DRAFT_PLAN": "编制并提交计划",
  "tasks.kind.REVISE_PLAN": "修改被退回的计划",
  "tasks.kind.RESUME_PLAN": "继续编辑重新打开的计划",
  "tasks.kind.REVIEW_PLAN": "审核下级计划",

  "plan.status.DRAFT": "草稿",
  "plan.status.SUBMITTED": "已提交",
  "plan.status.RETURNED": "已退回",
  "plan.status.APPROVED": "已批准",
  "plan.status.REOPENED": "已重开",
  "plan.none": "无计划",
  "plan.stale": "待更新",
  "plan.staleHint": "下级计划重新打开过，修订通过后需再次提交审批",

  "tree.title": "组织金字塔",
  "tree.search": "搜索单位（编码或名称）",
  "tree.searchButton": "搜索",
  "tree.unit": "单位",
  "tree.status": "状态",
  "tree.progress": "下级进度",
  "tree.progressValue": "已提交 {submitted}/{total}，已批准 {approved}",
  "tree.dueOn": "截止日期",
  "tree.salesTarget": "销售目标（万元）",
  "tree.salesLastYear": "上年实际（万元）",
  "tree.count": "共 {count} 个单位",
  "tree.more": "加载更多",
  "tree.empty": "没有符合条件的单位。",
  "tree.expenseTotal": "营销费用（万元）",
  "tree.keyboardHelp": "用方向键浏览：→ 展开，← 收起，回车打开单位页。",
  "tree.loadingChildren": "正在加载下级单位…",
  "tree.loadFailed": "下级单位加载失败：{reason}",
  "tree.moreCount": "加载更多（还有 {count} 个）",
  "tree.searchResults": "搜索结果",
  "tree.found": "找到 {count} 个单位",
  "tree.path": "所属上级",
  "tree.actions": "操作",
  "tree.showInTree": "在树中显示",
  "tree.showInTreeNamed": "在树中显示{name}",
  "tree.clearSearch": "清除搜索",
  "header.cycleNotFound": "找不到计划周期“{cycle}”或您无权查看，当前显示的是{name}。",
  "unit.breadcrumbs": "所在位置",
  "unit.workbench": "打开计划工作台",
  "unit.planLinks": "计划",
  "unit.link.targets": "销售目标",
  "unit.link.expenses": "费用预算",
  "unit.link.document": "方案文本",

  "unit.plan": "计划状态",
  "unit.level": "层级",
  "unit.children": "下级单位",
  "unit.salesTarget": "销售目标（元）",
  "unit.salesLastYear": "上年实际（元）",
  "unit.expenseTotal": "营销费用（元）",
  "unit.exactYuan": "{amount} 元",
} as const;

export type MessageKey = keyof typeof zhCN;
export type Messages = Readonly<Record<MessageKey, string>>;

const en: Messages = {
  "app.title": "Pyramid Planner",
  "app.tagline": "Bottom-up sales targets and marketing budgets",
  "app.languageSwitch": "Interface language",

  "home.intro.title": "The planning cycle",
  "home.intro.lead":
    "Plans start at the base and are argued level by level: each level reviews the plans below it, rolls them up and submits upwards.",
  "home.step.county.title": "County drafts",
  "home.step.county.body":
    "The county market department drafts its sales targets and marketing budget from HQ's template and submits them to its city.",
  "home.step.city.title": "City reviews",
  "home.step.city.body": "The city office approves or returns each county plan, and writes its own regional plan.",
  "home.step.province.title": "Province consolidates",
  "home.step.province.body": "The provincial branch rolls up its cities' plans, reviews them and submits to Marketing HQ.",
  "home.step.hq.title": "HQ approves",
  "home.step.hq.body": "Marketing HQ consolidates the overall plan and revises it in conference until it passes.",

  "status.title": "System status",
  "status.loading": "Checking the system status…",
  "status.ok": "All systems normal",
  "status.databaseUnavailable": "Database unavailable",
  "status.unknown": "Status unknown",
  "status.database": "Database",
  "status.database.PGLITE": "Embedded PostgreSQL (PGlite)",
  "status.database.POSTGRES": "PostgreSQL server",
  "status.migrations": "Database migrations applied",
  "status.migrationsCount": "{count}",
  "status.migrationsUnknown": "Unknown",
  "status.version": "Server version",
  "status.serverTime": "Server time",
  "status.retry": "Retry",

  "error.network": "Cannot reach the server. Check your connection or try again later.",
  "error.UNAUTHENTICATED": "Please sign in.",
  "error.FORBIDDEN": "Your role may not do this.",
  "error.NOT_FOUND": "What you asked for was not found.",
  "error.VALIDATION_FAILED": "Some input is not valid. Please check it and try again.",
  "error.CONFLICT": "Someone else changed this data. Reload and try again.",
  "error.INVALID_TRANSITION": "This is not possible in the current status.",
  "error.TOO_MANY_ATTEMPTS": "Too many failed sign-ins. Please try again later.",
  "error.DATABASE_UNAVAILABLE": "The database is temporarily unavailable. Please try again later.",
  "error.unknown": "Something unexpected went wrong. Please try again later.",

  "errorBoundary.title": "Something went wrong",
  "errorBoundary.body": "The page hit an unexpected error. Reloading usually fixes it.",
  "errorBoundary.reload": "Reload",

  "nav.tasks": "My tasks",
  "nav.pyramid": "Pyramid",
  "nav.main": "Main navigation",
  "header.cycle": "Plan cycle",
  "header.signedInAs": "Signed in as",
  "header.logout": "Sign out",
  "header.noCycles": "No plan cycles yet",

  "login.title": "Sign in",
  "login.login": "Login",
  "login.password": "Password",
  "login.submit": "Sign in",
  "login.submitting": "Signing in…",
  "login.failed": "The login or password is not correct.",
  "login.retryAt": "Too many failed sign-ins. Please try again after {time} (Beijing time).",
  "login.expired": "Your session has expired. Please sign in again.",
  "login.signedOut": "You have signed out.",

  "page.loading": "Loading…",
  "page.retry": "Retry",
  "page.notFound.title": "Page not found",
  "page.notFound.body": "This address does not exist, or it is outside your scope.",
  "page.forbidden.title": "Not allowed",
  "page.forbidden.body": "This unit is outside your scope.",
  "page.backHome": "Back to my tasks",
  "page.error.title": "Could not load",

  "tasks.title": "My tasks",
  "tasks.empty": "No plan is waiting for you.",
  "tasks.unit": "Unit",
  "tasks.task": "Task",
  "tasks.status": "Status",
  "tasks.dueOn": "Due",
  "tasks.overdue": "Overdue",
  "tasks.kind.DRAFT_PLAN": "Draft and submit the plan",
  "tasks.kind.REVISE_PLAN": "Revise the returned plan",
  "tasks.kind.RESUME_PLAN": "Resume editing the reopened plan",
  "tasks.kind.REVIEW_PLAN": "Review the child plan",

  "plan.status.DRAFT": "Draft",
  "plan.status.SUBMITTED": "Submitted",
  "plan.status.RETURNED": "Returned",
  "plan.status.APPROVED": "Approved",
  "plan.status.REOPENED": "Reopened",
  "plan.none": "No plan",
  "plan.stale": "Stale",
  "plan.staleHint": "A plan below was reopened: this approval waits for the revision to flow up again",

  "tree.title": "Pyramid",
  "tree.search": "Search units (code or name)",
  "tree.searchButton": "Search",
  "tree.unit": "Unit",
  "tree.status": "Status",
  "tree.progress": "Children",
  "tree.progressValue": "{submitted}/{total} submitted, {approved} approved",
  "tree.dueOn": "Due",
  "tree.salesTarget": "Sales target (10k yuan)",
  "tree.salesLastYear": "Last year (10k yuan)",
  "tree.count": "{count} units",
  "tree.more": "Load more",
  "tree.empty": "No unit matches.",
  "tree.expenseTotal": "Expenses (10k yuan)",
  "tree.keyboardHelp": "Use the arrow keys: → opens a unit, ← closes it, Enter opens its page.",
  "tree.loadingChildren": "Loading the units below…",
  "tree.loadFailed": "Could not load the units below: {reason}",
  "tree.moreCount": "Load more ({count} left)",
  "tree.searchResults": "Search results",
  "tree.found": "Units found: {count}",
  "tree.path": "Within",
  "tree.actions": "Actions",
  "tree.showInTree": "Show in tree",
  "tree.showInTreeNamed": "Show {name} in the tree",
  "tree.clearSearch": "Clear search",
  "header.cycleNotFound": "There is no plan cycle “{cycle}” that you may see; showing {name}.",
  "unit.breadcrumbs": "You are here",
  "unit.workbench": "Open the plan workbench",
  "unit.planLinks": "Plan",
  "unit.link.targets": "Targets",
  "unit.link.expenses": "Expenses",
  "unit.link.document": "Document",

  "unit.plan": "Plan status",
  "unit.level": "Level",
  "unit.children": "Child units",
  "unit.salesTarget": "Sales target (yuan)",
  "unit.salesLastYear": "Last year (yuan)",
  "unit.expenseTotal": "Marketing expenses (yuan)",
  "unit.exactYuan": "{amount} yuan",
};

export const MESSAGES: Readonly<Record<Locale, Messages>> = { "zh-CN": zhCN, en };

export type MessageParams = Readonly<Record<string, string | number>>;

/** The {name} placeholders of a message, sorted. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? "").sort();
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The saved choice when there is one; otherwise zh-CN, the product's first language. */
export function initialLocale(saved: string | null): Locale {
  return isLocale(saved) ? saved : DEFAULT_LOCALE;
}
