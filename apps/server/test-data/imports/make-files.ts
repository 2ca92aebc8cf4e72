// Writes the import test files of this folder (committed; run again only to change them):
//   node --import tsx apps/server/test-data/imports/make-files.ts
// The fixtures they name (units K1 K2 K3, specs S500 S250, channels RETAIL CATERING, terminal T1
// and distributor D1 of K1) are made by apps/server/src/modules/imports/imports.int.test.ts.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";

const here = dirname(fileURLToPath(import.meta.url));

// 1. Sales, UTF-8 with a BOM, commas, Chinese headers, CRLF (as Excel saves "CSV UTF-8").
const sales = [
  "单位,年,月份,品规,渠道,终端,经销商,销售额,销量,毛利",
  "K1,2026,1,S500,RETAIL,,,1000.50,10,400.00",
  '东城县,2026,2,精品500ml,商超,,,"1,200.00",12,-50.00',
  "K9,2026,1,S500,RETAIL,,,100,1,",
  "K1,2026,13,S500,RETAIL,,,100,1,",
  "K1,2026,1,S999,RETAIL,,,100,1,",
  "K1,2026,3,S500,RETAIL,,,abc,1,",
  "K1,2026,3,S500,RETAIL,,,-5,1,",
  "K1,2026,1,S500,RETAIL,,,999,9,",
  "K3,2026,1,S500,RETAIL,,,100,1,",
  "K2,2026,1,S250,CATERING,T1,,100,1,",
  "K1,2026,1,S250,RETAIL,T1,,300.00,3,",
  "K2,2026,4,,,,,5000,,",
  "K2,2026,7,,,,,100,,",
];
writeFileSync(join(here, "sales-utf8-comma.csv"), `\uFEFF${sales.join("\r\n")}\r\n`, "utf8");

// 2. Expenses, GBK, tabs, no BOM (as WPS saves "文本文件(制表符分隔)").
const expenses = [
  "单位\t月份\t费用项目\t终端\t经销商\t金额",
  "K1\t1\t工资\t\t\t8000.00",
  "K1\t1\t陈列\tT1\t\t1500",
  "K2\t2\t不存在项目\t\t\t100",
  "K1\t2\t工资\tT1\tD1\t100",
  "K1\t3\t经销商年终折让\t\tD1\t3000",
  "K1\t1\t工资\t\t\t7000",
  "\t1\t工资\t\t\t1",
];
writeFileSync(join(here, "expenses-gbk-tab.csv"), iconv.encode(`${expenses.join("\r\n")}\r\n`, "gbk"));

// 3. Sales, XLSX written by ExcelJS, English headers, numbers as numbers.
const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet("Sales");
sheet.addRow(["Unit", "Month", "Spec", "Channel", "Amount", "Quantity"]);
sheet.addRow(["K1", 5, "S500", "RETAIL", 2000, 20]);
sheet.addRow(["K2", "2026-05", "S250", "CATERING", 1500.25, 15]);
sheet.addRow(["K1", 5, "S500", "RETAIL", 12.345, 1]);
sheet.addRow(["K2", 5, "S250", "NOPE", 10, 1]);
await workbook.xlsx.writeFile(join(here, "sales-en.xlsx"));

// 4. Sales, UTF-8 without BOM, a later file for keys of file 1 (row 2's revenue and volume) and a new key.
const later = ["单位,月份,品规,渠道,销售额,销量", "K1,1,S500,RETAIL,1111.11,11", "K2,2,S250,RETAIL,222.00,2"];
writeFileSync(join(here, "sales-later.csv"), `${later.join("\n")}\n`, "utf8");
console.log("written to", here);
