import { Group, Tooltip, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../pipelines/pipelines.schema.js';

interface Props {
  stages: Stage[];
  currentId: string;
  /** absent: read only */
  onPick?(stage: Stage): void;
  busy?: boolean;
}

/**
 * The pipeline's stages as a bar: stages before the current one are filled (all of them, green, once the deal
 * is won), the current one stands out, won/lost end stages are green/red. Clicking a stage moves the deal there.
 */
export function StageProgress({ stages, currentId, onPick, busy = false }: Props) {
  const { t } = useTranslation('deals');
  const index = stages.findIndex((s) => s.id === currentId);
  const current = stages[index];
  const won = current?.kind === 'won';
  return (
    <Group gap={3} wrap="nowrap" data-testid="stage-progress" style={{ overflowX: 'auto' }}>
      {stages.map((s, i) => {
        const isCurrent = s.id === currentId;
        const passed = s.kind === 'open' && (won || (current?.kind === 'open' && i < index));
        const color = isCurrent ? (s.kind === 'won' ? 'green' : s.kind === 'lost' ? 'red' : 'blue') : passed ? (won ? 'green' : 'blue') : 'gray';
        const shade = isCurrent ? 6 : passed ? 2 : 1;
        return (
          <Tooltip key={s.id} label={isCurrent ? t('progress.current') : t('progress.moveHere', { stage: s.name })} disabled={!onPick}>
            <UnstyledButton
              disabled={!onPick || isCurrent || busy}
              onClick={() => onPick?.(s)}
              aria-current={isCurrent ? 'step' : undefined}
              data-testid="stage-step"
              data-stage-name={s.name}
              style={{
                flex: '1 1 0',
                minWidth: 90,
                padding: '6px 10px',
                textAlign: 'center',
                fontSize: 'var(--mantine-font-size-xs)',
                fontWeight: isCurrent ? 700 : 500,
                whiteSpace: 'nowrap',
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                color: isCurrent ? 'white' : 'var(--mantine-color-text)',
                background: `var(--mantine-color-${color}-${shade})`,
                clipPath: i === 0 ? 'polygon(0 0, calc(100% - 8px) 0, 100% 50%, calc(100% - 8px) 100%, 0 100%)' : 'polygon(0 0, calc(100% - 8px) 0, 100% 50%, calc(100% - 8px) 100%, 0 100%, 8px 50%)',
                cursor: onPick && !isCurrent ? 'pointer' : 'default',
              }}
            >
              {s.name}
            </UnstyledButton>
          </Tooltip>
        );
      })}
    </Group>
  );
}
