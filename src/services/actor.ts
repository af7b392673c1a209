/**
 * Who a write is recorded as in the audit chain. Commands run by whoever holds
 * the database are the operator; server writes will carry the signed-in user.
 */
export const OPERATOR_ACTOR = 'operator';
