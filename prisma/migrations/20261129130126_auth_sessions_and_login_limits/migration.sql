-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" BIGSERIAL NOT NULL,
    "loginKey" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "idleTimeoutMinutes" INTEGER NOT NULL DEFAULT 30,
    "absoluteLifetimeMinutes" INTEGER NOT NULL DEFAULT 720,
    "accountFailureLimit" INTEGER NOT NULL DEFAULT 5,
    "addressFailureLimit" INTEGER NOT NULL DEFAULT 20,
    "failureWindowMinutes" INTEGER NOT NULL DEFAULT 15,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuthSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LoginAttempt_loginKey_at_idx" ON "LoginAttempt"("loginKey", "at");

-- CreateIndex
CREATE INDEX "LoginAttempt_address_at_idx" ON "LoginAttempt"("address", "at");


-- Hand-written (Prisma's schema cannot express these):
-- Logins are case-insensitive: no two users whose logins differ only in case.
CREATE UNIQUE INDEX "User_login_lower_key" ON "User"(lower("login"));
-- The settings are one row, present from the start, with positive limits.
ALTER TABLE "AuthSettings" ADD CONSTRAINT "AuthSettings_single_row" CHECK ("id" = 1);
ALTER TABLE "AuthSettings" ADD CONSTRAINT "AuthSettings_positive" CHECK (
  "idleTimeoutMinutes" > 0 AND "absoluteLifetimeMinutes" >= "idleTimeoutMinutes"
  AND "accountFailureLimit" > 0 AND "addressFailureLimit" > 0 AND "failureWindowMinutes" > 0);
INSERT INTO "AuthSettings" ("id") VALUES (1);
