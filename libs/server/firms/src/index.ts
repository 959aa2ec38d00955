export * from './dto/firm.dto';
export * from './firms-http.module';
export * from './firms.module';
export * from './firms.service';
