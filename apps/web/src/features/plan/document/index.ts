// The plan workbench's Document tab (方案文本), for the page's tab registry.
export { DocumentTab, type DocumentTabProps } from "./DocumentTab.js";
