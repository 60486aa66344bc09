import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { AuthConfig } from './auth.config';
import { AuthErrorFilter } from './auth-error.filter';
import { AuthGuard } from './guards';
import { TokenVerifier } from './token-verifier';

/**
 * Installs the global {@link AuthGuard}: tenant JWTs on every route, internal tokens on
 * `@Internal()` routes, nothing on `@Public()` ones (the platform's health and metrics are public).
 */
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: TokenVerifier, useValue: new TokenVerifier(config) },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: AuthErrorFilter },
      ],
      exports: [TokenVerifier],
    };
  }
}
