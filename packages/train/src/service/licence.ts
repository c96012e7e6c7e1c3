/** Data licences that trained models inherit, by dataset plugin id. */
const DATA_LICENCES: Readonly<Record<string, string>> = {
  ravdess:
    'Trained on RAVDESS (Livingstone & Russo 2018, https://zenodo.org/record/1188976), licensed CC BY-NC-SA 4.0: this model is a derived work under the same terms — non-commercial use only, attribution required, share alike.',
};

/** The licence note for models trained on `datasetId`, or null when serkit knows none. */
export function dataLicence(datasetId: string): string | null {
  return DATA_LICENCES[datasetId] ?? null;
}
