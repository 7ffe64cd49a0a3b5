import { z } from "zod";
import { ZRoleSchema } from "../auth/roles";

const email = z.string().trim().toLowerCase().email("Enter a valid email address");
const password = z.string().min(10, "Use at least 10 characters").max(200);

export const ZSetupAdminSchema = z.object({
  code: z.string().trim().max(200).default(""),
  name: z.string().trim().max(100).default(""),
  email,
  password,
});
export const ZInviteUserSchema = z.object({ email, role: ZRoleSchema.default("member") });
export const ZAcceptInviteSchema = z.object({ token: z.string().min(10), name: z.string().trim().max(100).default(""), password });
export const ZChangeUserSchema = z.object({ role: ZRoleSchema });
