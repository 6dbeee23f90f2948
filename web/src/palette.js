// vigil's colours and labels: the same JSON the daily report's map is drawn with
// (src/report/palette.json), so the dashboard's legend and the report's agree.
import palette from '../../src/report/palette.json' with { type: 'json' };

export { palette };

export const RULES = Object.entries(palette.rules).map(([rule, { colour, label }]) => ({ rule, colour, label }));

export function ruleColour(rule) {
  return palette.rules[rule]?.colour ?? palette.other_rule;
}

export function ruleLabel(rule) {
  return palette.rules[rule]?.label ?? rule;
}

// A MapLibre expression colouring features by their `rule` property.
export function ruleColourExpression() {
  const expression = ['match', ['get', 'rule']];
  for (const { rule, colour } of RULES) expression.push(rule, colour);
  expression.push(palette.other_rule);
  return expression;
}
