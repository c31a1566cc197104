// The package version, for the default User-Agent. A unit test keeps it equal to package.json's.
export const version = "0.1.0";
