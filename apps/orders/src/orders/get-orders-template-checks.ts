import type { TemplateRuleCheck } from '@amazon-channel/platform-templates';
import { toJsonPath } from '@amazon-channel/mapping';
import { templateConstantIssues } from './dto/orders.dto';

/**
 * Orders' own rule on a get-orders template, on top of libs/mapping's: a constant invoice currency,
 * amount or quantity that every order would be held for is refused when the template is saved.
 */
export const getOrdersTemplateChecks: TemplateRuleCheck = (template) =>
  templateConstantIssues(template).map((issue) => ({ field: toJsonPath(issue.path), reason: issue.message, code: 'INVALID_VALUE' }));
