import { pageArgsIf, type TPageQuery } from "../api/page";
import { db } from "../db";
import { notFound } from "../errors";

const USER_FIELDS = { id: true, email: true, name: true, role: true, createdAt: true } as const;

export async function listUsers(page?: TPageQuery) {
  return db().user.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: USER_FIELDS, ...pageArgsIf(page) });
}

export async function getUser(id: string) {
  const user = await db().user.findUnique({ where: { id }, select: USER_FIELDS });
  if (!user) throw notFound("User");
  return user;
}
