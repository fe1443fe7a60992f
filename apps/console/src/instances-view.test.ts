import { describe, expect, it } from 'vitest';
import {
  connectionOf,
  filterInstances,
  formatDue,
  sortInstances,
  type ListedInstance,
} from './instances-view.js';

const rows: ListedInstance[] = [
  { id: 'B2', name: 'Loja São Paulo', due: '2026-12-05T10:00:00.000Z', whatsappConnected: true },
  { id: 'A1', name: 'atendimento', due: null, whatsappConnected: null },
  { id: 'C3', name: 'Vendas 10', due: '2026-12-03T10:00:00.000Z', whatsappConnected: false },
  { id: 'D4', name: 'Vendas 9', due: '2026-12-04T10:00:00.000Z', whatsappConnected: true },
];
const names = (list: ListedInstance[]) => list.map((row) => row.name);

describe('the instance list', () => {
  it('finds by any words of the name or id, any case and accent', () => {
    expect(names(filterInstances(rows, 'sao'))).toEqual(['Loja São Paulo']);
    expect(names(filterInstances(rows, 'VENDAS 9'))).toEqual(['Vendas 9']);
    expect(names(filterInstances(rows, 'c3'))).toEqual(['Vendas 10']);
    expect(filterInstances(rows, '  ')).toHaveLength(4);
    expect(filterInstances(rows, 'nothing')).toEqual([]);
  });

  it('sorts by name naturally (9 before 10), by status, by due date with no date last', () => {
    expect(names(sortInstances(rows, 'name', 'asc'))).toEqual([
      'atendimento',
      'Loja São Paulo',
      'Vendas 9',
      'Vendas 10',
    ]);
    expect(names(sortInstances(rows, 'name', 'desc'))[0]).toBe('Vendas 10');
    expect(sortInstances(rows, 'status', 'asc').map(connectionOf)).toEqual([
      'connected',
      'connected',
      'disconnected',
      'unknown',
    ]);
    expect(names(sortInstances(rows, 'due', 'asc'))).toEqual([
      'Vendas 10',
      'Vendas 9',
      'Loja São Paulo',
      'atendimento',
    ]);
    expect(names(sortInstances(rows, 'due', 'desc'))).toEqual([
      'Loja São Paulo',
      'Vendas 9',
      'Vendas 10',
      'atendimento',
    ]);
  });

  it('filters 1,000 instances in well under 100 ms a keystroke', () => {
    const many = Array.from({ length: 1_000 }, (_, index) => ({
      id: `3C${index.toString(16).padStart(30, '0')}`,
      name: `Cliente ${index} ${index % 7 === 0 ? 'São José' : 'Recife'}`,
      due: new Date(Date.UTC(2026, 11, 1 + (index % 28))).toISOString(),
      whatsappConnected: index % 3 === 0,
    }));
    filterInstances(many, 'x'); // the first pass prepares each row's search text
    const keystrokes = ['s', 'sa', 'sao', 'sao j', 'sao jo', 'sao jos', 'sao jose 7'];
    for (const query of keystrokes) {
      const started = performance.now();
      const sorted = sortInstances(filterInstances(many, query), 'due', 'asc');
      expect(performance.now() - started).toBeLessThan(100);
      expect(sorted.length).toBeGreaterThan(0);
    }
  });

  it('shows due dates in local time', () => {
    const due = '2026-12-04T13:08:51.000Z';
    expect(formatDue(due, 'en', 'America/Sao_Paulo')).toContain('10:08');
    expect(formatDue(due, 'pt-BR', 'Asia/Tokyo')).toContain('22:08');
    expect(formatDue(null, 'en')).toBeNull();
  });
});
