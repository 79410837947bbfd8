export const served = 'webdoor test module';
