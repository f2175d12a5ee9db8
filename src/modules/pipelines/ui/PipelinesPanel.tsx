import { useState } from 'react';
import { Alert, Badge, Button, Grid, Group, NavLink, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { PageLoader } from '../../../web/components/ListControls.js';
import { LostReasonsEditor } from './LostReasonsEditor.js';
import { NewPipelineModal } from './NewPipelineModal.js';
import { PipelineEditor } from './PipelineEditor.js';
import { useAllPipelines } from './pipelinesApi.js';

/** Admin tab: the pipelines with their stages, and the list of reasons a deal is lost. */
export function PipelinesPanel() {
  const { t } = useTranslation('pipelines');
  const { can } = useAuth();
  const pipelines = useAllPipelines();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const list = pipelines.data ?? [];
  const current = list.find((p) => p.id === selectedId) ?? list[0];

  if (pipelines.error) return <Alert color="red">{featureErrorMessage(t, pipelines.error, 'pipelines')}</Alert>;
  if (pipelines.isPending) return <PageLoader />;
  return (
    <Stack>
      <Grid>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t('title')}
            </Text>
            {list.map((p) => (
              <NavLink
                key={p.id}
                label={p.name}
                description={t('stageCount', { count: p.stages.length })}
                active={p.id === current?.id}
                onClick={() => setSelectedId(p.id)}
                data-testid="pipeline-item"
                rightSection={
                  <Group gap={4} wrap="nowrap">
                    {p.isDefault && (
                      <Badge size="xs" variant="light">
                        {t('defaultBadge')}
                      </Badge>
                    )}
                    {!p.isActive && (
                      <Badge size="xs" variant="light" color="gray">
                        {t('inactiveBadge')}
                      </Badge>
                    )}
                  </Group>
                }
              />
            ))}
            {!list.length && (
              <Text size="sm" c="dimmed">
                {t('empty')}
              </Text>
            )}
            {can('pipeline', 'create') && (
              <Button variant="light" mt="xs" onClick={() => setCreating(true)} data-testid="pipeline-new">
                {t('new')}
              </Button>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>{current && <PipelineEditor key={current.id} pipeline={current} onDeleted={() => setSelectedId(null)} />}</Grid.Col>
      </Grid>
      <LostReasonsEditor />
      {creating && (
        <NewPipelineModal
          onClose={() => setCreating(false)}
          onCreated={(p) => {
            setCreating(false);
            setSelectedId(p.id);
          }}
        />
      )}
    </Stack>
  );
}
